package io.einstruct.search.worker;

import io.einstruct.search.store.StoreException;
import java.util.function.Supplier;

/**
 * Calls to a store that may be briefly away: a call that fails with a {@link StoreException} is
 * tried again with exponential backoff (0.5 s doubling to 30 s) until it succeeds or {@code
 * patience} has passed since its first failure; then it fails with {@link Exhausted}. A store error
 * is the infrastructure's, not the training's: callers keep training meanwhile where they can.
 */
public final class Patience {
  private static final long FIRST_WAIT_MILLIS = 500;
  private static final long LONGEST_WAIT_MILLIS = 30_000;

  private final long patienceMillis;
  private final Waiting waiting;

  /** Hears each failed try, to say that the worker is waiting for the store. */
  public interface Waiting {
    /** {@code what} failed with {@code why}; the next try is in {@code retryMillis}. */
    void waiting(String what, String why, long retryMillis);

    /** Says nothing. */
    Waiting QUIET = (what, why, retry) -> {};
  }

  /** The store stayed away longer than the patience. */
  public static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public Patience(long patienceMillis, Waiting waiting) {
    this.patienceMillis = patienceMillis;
    this.waiting = waiting;
  }

  /** The failure of {@code what} after the store stayed away for the whole patience. */
  Exhausted exhausted(String what, String why, Throwable cause) {
    return new Exhausted(
        "the store did not answer for "
            + Math.round(patienceMillis / 1000.0)
            + " s ("
            + what
            + ")"
            + (why == null ? "" : ": " + why),
        cause);
  }

  /** How long a caller that keeps working meanwhile may go on without the store. */
  long millis() {
    return patienceMillis;
  }

  /** {@code call}'s result, tried until the store answers or the patience runs out. */
  public <T> T call(String what, Supplier<T> call) {
    long deadline = -1;
    long wait = FIRST_WAIT_MILLIS;
    while (true) {
      try {
        return call.get();
      } catch (StoreException e) {
        long now = System.currentTimeMillis();
        if (deadline < 0) {
          deadline = now + patienceMillis;
        }
        if (now >= deadline) {
          throw exhausted(what, e.getMessage(), e);
        }
        long sleep = Math.min(wait, deadline - now);
        waiting.waiting(what, e.getMessage(), sleep);
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new Exhausted("interrupted while waiting for the store (" + what + ")", e);
        }
        wait = Math.min(2 * wait, LONGEST_WAIT_MILLIS);
      }
    }
  }
}
