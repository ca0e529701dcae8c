package io.einstruct.search.worker;

import io.einstruct.search.store.Claim;

/** Hears what a worker does. */
public interface WorkerListener {
  /** A trial was claimed. */
  default void claimed(Claim claim) {}

  /**
   * A claimed trial continues an earlier attempt: from its stored checkpoint at {@code step}, or
   * from scratch ({@code step} 0) when the attempt left none.
   */
  default void resumed(Claim claim, long step) {}

  /**
   * A trial ended: {@code done}, {@code failed}, {@code pruned}, {@code released} (interrupted and
   * queued to resume), {@code retried} (failed through the machine's fault and queued again) or
   * {@code lost}.
   */
  default void ended(Claim claim, String outcome, String detail) {}

  /**
   * The store did not answer {@code what} ({@code why}); the worker tries again in {@code
   * retryMillis}.
   */
  default void waitingForStore(String what, String why, long retryMillis) {}

  /** Hears nothing. */
  WorkerListener NONE = new WorkerListener() {};
}
