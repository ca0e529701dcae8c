package io.einstruct.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void warmsUpLinearlyThenDecaysByCosineToZero() {
    Schedule s = new Schedule(true, 4, 104);
    assertThat(s.factor(0)).isEqualTo(0.25);
    assertThat(s.factor(3)).isEqualTo(1.0);
    assertThat(s.factor(4)).isEqualTo(1.0);
    assertThat(s.factor(54)).isCloseTo(0.5, within(1e-12));
    assertThat(s.factor(104)).isCloseTo(0.0, within(1e-12));
  }

  /** nanoGPT's schedule, as both papers' GPTs: cosine from the peak down to η/10. */
  @Test
  void decaysByCosineToItsFloor() {
    Schedule s = new Schedule(true, 0, 100, 0.1);
    assertThat(s.factor(0)).isEqualTo(1.0);
    assertThat(s.factor(50)).isCloseTo(0.55, within(1e-12));
    assertThat(s.factor(100)).isCloseTo(0.1, within(1e-12));
    assertThat(s.factor(500)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void constantStaysAtOneAfterWarmUp() {
    Schedule s = new Schedule(false, 0, 10);
    assertThat(s.factor(0)).isEqualTo(1.0);
    assertThat(s.factor(9)).isEqualTo(1.0);
  }
}
