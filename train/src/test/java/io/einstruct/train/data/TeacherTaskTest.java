package io.einstruct.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TeacherTaskTest {
  @Test
  void targetsAreStandardisedAndDataIsFreshButReproducible() {
    TeacherTask task = new TeacherTask(8, 64, 3, 4096, 100, 512, 3);
    Batch b = task.batch(0, 0);
    double sum = 0;
    double squares = 0;
    for (float y : b.targets()) {
      sum += y;
      squares += y * y;
    }
    double mean = sum / b.size();
    assertThat(mean).isCloseTo(0, within(0.1));
    assertThat(Math.sqrt(squares / b.size() - mean * mean)).isCloseTo(1, within(0.1));
    assertThat(task.batch(0, 0).inputs()).containsExactly(b.inputs());
    assertThat(task.batch(0, 1).inputs()).isNotEqualTo(b.inputs());
    assertThat(new TeacherTask(8, 64, 3, 4096, 100, 512, 3).test(512).get(0).targets())
        .containsExactly(task.test(512).get(0).targets());
  }
}
