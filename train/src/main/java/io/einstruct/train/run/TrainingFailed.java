package io.einstruct.train.run;

/**
 * A run that stopped before its end: the loss became NaN or infinite, or training failed. The run's
 * {@code summary.json} says {@code failed} with the same message.
 */
public final class TrainingFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingFailed(String message) {
    super(message);
  }
}
