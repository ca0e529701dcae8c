package io.einstruct.search.worker;

import io.einstruct.search.store.Claim;

/** Hears what a worker does. */
public interface WorkerListener {
  /** A trial was claimed. */
  default void claimed(Claim claim) {}

  /** A trial ended: {@code done}, {@code failed}, {@code pruned} or {@code lost}. */
  default void ended(Claim claim, String outcome, String detail) {}

  /** Hears nothing. */
  WorkerListener NONE = new WorkerListener() {};
}
