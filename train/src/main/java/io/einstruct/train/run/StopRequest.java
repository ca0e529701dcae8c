package io.einstruct.train.run;

/**
 * A request, from another thread (a signal handler), that runs stop at their next step boundary.
 * Requesting twice keeps the first reason.
 */
public final class StopRequest {
  private volatile String reason;

  /** Asks the runs that watch this request to stop, saying why ({@code SIGINT}). */
  public void request(String why) {
    if (reason == null) {
      reason = why;
    }
  }

  /** Whether a stop was requested. */
  public boolean requested() {
    return reason != null;
  }

  /** Why, or null. */
  public String reason() {
    return reason;
  }
}
