package io.einstruct.search.store;

import java.util.Locale;

/** Where a trial stands in its study; stored as {@link #key()}. */
public enum TrialStatus {
  /** Waiting for a worker (new, released by an interrupted worker, or requeued). */
  QUEUED,
  /** Claimed by a worker that heartbeats. */
  RUNNING,
  /** Trained to its last step. */
  DONE,
  /** Stopped by its own fault (a loss that became NaN, a structure that does not bind). */
  FAILED,
  /** Stopped early by successive halving. */
  PRUNED,
  /** Stopped by {@code einstruct study cancel}; never claimed again. */
  CANCELLED;

  /** Its name in the store. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status stored as {@code key}. */
  public static TrialStatus of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
