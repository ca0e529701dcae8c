package io.einstruct.search.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.search.Studies;
import io.einstruct.train.run.ModelKind;
import io.einstruct.train.run.OptimizerKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study's choices are the same typed choices as the command line's, errors at their key. */
class StudyChoicesTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  private Expansion expand(String task) {
    String text =
        """
        name: s
        task: {data: teacher, steps: 2, batch: 8, depth: 1, %s}
        structures: [{builtin: dense}]
        widths: [8]
        """
            .formatted(task);
    return StudyExpander.expand(Studies.parse("s.yaml", text, dir), LIBRARY);
  }

  @Test
  void aBadChoiceIsReportedAtItsKeyWithTheChoices() {
    String[][] cases = {
      {"optimizer: sgd", "optimizer", "'task.optimizer': expected adam or adamw, got 'sgd'"},
      {
        "schedule: linear", "schedule", "'task.schedule': expected cosine or constant, got 'linear'"
      },
      {"model: resnet", "model", "'task.model': expected mlp, vit or gpt, got 'resnet'"},
      {"lowering: xla", "lowering", "'task.lowering': expected einsum, bmm or auto, got 'xla'"},
      {
        "input_structure: all",
        "input_structure",
        "'task.input_structure': expected auto, dense or same, got 'all'"
      },
      {"threads: -1", "threads", "'task.threads': must be 0 (every core) or 1 to "},
    };
    for (String[] c : cases) {
      int column = ("task: {data: teacher, steps: 2, batch: 8, depth: 1, ").length() + 1;
      assertThatThrownBy(() -> expand(c[0]))
          .isInstanceOf(EinError.class)
          .hasMessageStartingWith("s.yaml:2:" + column + ": " + c[2]);
    }
  }

  @Test
  void aBadPrunerResourceIsReportedAtItsKey() {
    String text =
        """
        name: s
        task: {data: teacher, epochs: 3, batch: 8, depth: 1}
        structures: [{builtin: dense}]
        widths: [8]
        pruner: {kind: successive-halving, eta: 2, min_resource: 1, resource: steps}
        """;
    assertThatThrownBy(() -> StudyExpander.expand(Studies.parse("s.yaml", text, dir), LIBRARY))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(
            "s.yaml:5:"
                + ("pruner: {kind: successive-halving, eta: 2, min_resource: 1, ".length() + 1)
                + ": 'pruner.resource': expected epochs or flops, got 'steps'");
    // in FLOPs the first rung may be any positive compute, whatever the task's length
    String flops =
        text.replace("min_resource: 1, resource: steps", "min_resource: 1.0e12, resource: flops");
    assertThat(StudyExpander.expand(Studies.parse("s.yaml", flops, dir), LIBRARY).trials())
        .hasSize(1);
    String keep = flops.replace("resource: flops}", "resource: flops, keep: [desne]}");
    assertThatThrownBy(() -> StudyExpander.expand(Studies.parse("s.yaml", keep, dir), LIBRARY))
        .isInstanceOf(EinError.class)
        .hasMessageContaining(
            ": 'pruner.keep[0]': no structure of the study is labelled 'desne' (its labels: dense)");
  }

  @Test
  void aMissingDataDirectoryIsReportedAtTaskData() {
    String text =
        """
        name: s
        task: {data: "mnist:%s", steps: 2}
        structures: [{builtin: dense}]
        widths: [8]
        """
            .formatted(dir.resolve("nowhere"));
    assertThatThrownBy(() -> StudyExpander.expand(Studies.parse("s.yaml", text, dir), LIBRARY))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith("s.yaml:2:8: 'task.data': " + dir.resolve("nowhere"));
  }

  @Test
  void choicesAreReadInAnyCase() {
    Expansion e = expand("model: MLP, optimizer: AdamW, schedule: Constant");
    var c = e.trials().get(0).config();
    assertThat(c.model().kind()).isEqualTo(ModelKind.MLP);
    assertThat(c.optim().kind()).isEqualTo(OptimizerKind.ADAMW);
    assertThat(c.optim().inputLrMultiplier()).isEqualTo(0.1);
  }

  @Test
  void anchorsAliasesAndMergeKeysAreExpanded() {
    String text =
        """
        name: s
        task: {data: teacher, steps: 2, batch: 8, depth: 1}
        structures:
          - &btt {builtin: btt, params: {rank: 1}}
          - {<<: *btt, params: {rank: 2}}
        widths: [8]
        """;
    Expansion e = StudyExpander.expand(Studies.parse("s.yaml", text, dir), LIBRARY);
    assertThat(e.trials()).extracting(TrialSpec::label).containsExactly("btt rank=1", "btt rank=2");
  }

  @Test
  void anAliasBombIsRefused() {
    StringBuilder text =
        new StringBuilder("name: s\ntask: {data: teacher}\nstructures: [{builtin: dense}]\n");
    text.append("widths: [&a0 [8, 8, 8, 8, 8, 8, 8, 8, 8, 8]");
    for (int i = 1; i < 10; i++) {
      text.append(", &a").append(i).append(" [");
      for (int k = 0; k < 10; k++) {
        text.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      text.append("]");
    }
    text.append("]\n");
    assertThatThrownBy(() -> Studies.parse("s.yaml", text.toString(), dir))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(
            "s.yaml:1:1: cannot expand the file's aliases: Number of aliases for non-scalar nodes"
                + " exceeds the specified max=50 (at most 50 aliases to lists or mappings)");
  }
}
