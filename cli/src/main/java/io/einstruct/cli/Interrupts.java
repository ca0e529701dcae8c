package io.einstruct.cli;

import io.einstruct.train.run.StopRequest;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM as a {@link StopRequest}: the first asks the running work to stop at its next
 * step boundary (checkpointing there); a second one exits at once, as users expect of a second
 * Ctrl-C. While installed, the JVM's own handlers (which would exit without a checkpoint) are set
 * aside; {@link #close()} puts them back.
 */
final class Interrupts implements AutoCloseable {
  private final StopRequest stop = new StopRequest();
  private final Signal[] signals = {new Signal("INT"), new Signal("TERM")};
  private final sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[signals.length];
  private volatile int received;

  /** Handles both signals until closed. */
  Interrupts() {
    for (int i = 0; i < signals.length; i++) {
      previous[i] = Signal.handle(signals[i], this::handle);
    }
  }

  private void handle(Signal signal) {
    if (stop.requested()) {
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
    received = signal.getNumber();
    stop.request("SIG" + signal.getName());
  }

  /** The request the signals make. */
  StopRequest request() {
    return stop;
  }

  /** Whether a signal asked to stop. */
  boolean stopped() {
    return stop.requested();
  }

  /** The exit code of a process ended by the signal received: 130 for SIGINT, 143 for SIGTERM. */
  int exitCode() {
    return 128 + received;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.length; i++) {
      Signal.handle(signals[i], previous[i]);
    }
  }
}
