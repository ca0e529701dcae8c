package io.einstruct.search.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunEnvironmentTest {
  private static TrialRow trial(int n, Double seconds, RunEnvironment env) {
    return new TrialRow(
        n, "dense", 8, 1e-3, 0, 1, 1, 1, "done", "w", 1, null, 0.5, 0.5, null, 1e9, seconds, env);
  }

  @Test
  void warnsOnlyWhenTimedTrialsRanDifferently() {
    RunEnvironment a = new RunEnvironment("a", 2, 2, 1);
    RunEnvironment b = new RunEnvironment("a", 2, 1, 2);
    assertThat(RunEnvironment.mismatch(List.of(trial(0, 1.0, a), trial(1, 2.0, a)))).isEmpty();
    // a trial that never trained does not count
    assertThat(RunEnvironment.mismatch(List.of(trial(0, 1.0, a), trial(1, null, b)))).isEmpty();
    assertThat(
            RunEnvironment.mismatch(
                List.of(trial(0, 1.0, a), trial(1, 2.0, b), trial(2, 3.0, b), trial(3, 1.0, null))))
        .hasValue(
            "training seconds compare trials that ran alike, and these did not: 2 on a (2 cores),"
                + " 1 thread, 2 workers; 1 on a (2 cores), 2 threads, 1 worker; 1 not recorded");
  }
}
