package io.einstruct.search.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.train.run.ModelKind;
import io.einstruct.train.run.ScheduleKind;
import org.junit.jupiter.api.Test;

/** A run file holds a study's task keys, read and checked as a study's task is. */
class RunFileTest {
  private static io.einstruct.train.run.TrainConfig parse(String text) {
    return RunFile.parse(new Source("run.yaml", text), null);
  }

  @Test
  void readsTheTaskKeysOfAStudy() {
    var c = parse("model: mlp\ndata: teacher\nsteps: 40\nschedule: CONSTANT\nseeds: [3]\n");
    assertThat(c.model().kind()).isEqualTo(ModelKind.MLP);
    assertThat(c.optim().schedule()).isEqualTo(ScheduleKind.CONSTANT);
    assertThat(c.run().steps()).isEqualTo(40);
    assertThat(c.run().seed()).isEqualTo(3);
  }

  @Test
  void everyErrorIsAtItsLineAndColumn() {
    assertThatThrownBy(() -> parse("data: teacher\noptimizer: sgd\n"))
        .isInstanceOf(EinError.class)
        .hasMessage(
            "run.yaml:2:1: 'task.optimizer': expected adam or adamw, got 'sgd'\n"
                + "  optimizer: sgd\n"
                + "  ^~~~~~~~~");
    assertThatThrownBy(() -> parse("data: teacher\nepochs: two\n"))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith("run.yaml:2:1: bad value for 'task.epochs': expected an integer");
    assertThatThrownBy(() -> parse("data: teacher\nepoch: 2\n"))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(
            "run.yaml:2:1: unknown key 'epoch' in task; did you mean 'epochs'?");
    assertThatThrownBy(() -> parse("data: teacher\nseeds: [1, 2]\n"))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith("run.yaml:2:1: a run takes one seed");
  }
}
