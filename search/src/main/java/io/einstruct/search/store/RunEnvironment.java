package io.einstruct.search.store;

import java.util.Locale;

/**
 * Where and how a trial trained: wall-clock seconds compare only between trials that ran alike.
 *
 * @param host the machine's name
 * @param cores the cores the JVM saw
 * @param threads intra-op threads the trial's session used
 * @param workers trials training at once in the worker's process (more share the cores)
 */
public record RunEnvironment(String host, int cores, int threads, int workers) {
  public RunEnvironment {
    if (host == null || host.isBlank() || cores < 1 || threads < 1 || workers < 1) {
      throw new IllegalArgumentException(
          "bad run environment: "
              + host
              + ", "
              + cores
              + " cores, "
              + threads
              + " threads, "
              + workers
              + " workers");
    }
  }

  /** {@code host (2 cores), 2 threads, 1 worker}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s (%d cores), %d thread%s, %d worker%s",
        host,
        cores,
        threads,
        threads == 1 ? "" : "s",
        workers,
        workers == 1 ? "" : "s");
  }

  /**
   * A warning when the trials that trained did not all run alike, so that their seconds do not
   * compare; empty when they did.
   */
  public static java.util.Optional<String> mismatch(java.util.List<TrialRow> trials) {
    java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
    int unknown = 0;
    for (TrialRow t : trials) {
      if (t.wallSeconds() == null) {
        continue;
      }
      if (t.ranOn() == null) {
        unknown++;
      } else {
        seen.merge(t.ranOn().describe(), 1, Integer::sum);
      }
    }
    if (seen.size() <= 1 && unknown == 0) {
      return java.util.Optional.empty();
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    seen.forEach((k, v) -> parts.add(v + " on " + k));
    if (unknown > 0) {
      parts.add(unknown + " not recorded");
    }
    return java.util.Optional.of(
        "training seconds compare trials that ran alike, and these did not: "
            + String.join("; ", parts));
  }
}
