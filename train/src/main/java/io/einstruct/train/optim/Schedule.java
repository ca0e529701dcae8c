package io.einstruct.train.optim;

/**
 * The learning-rate factor at each step: a linear warm-up over {@code warmupSteps}, then either
 * constant or a cosine decay to 0 at {@code totalSteps}.
 *
 * @param cosine true for cosine decay, false for constant after warm-up
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps the run's length in steps
 */
public record Schedule(boolean cosine, long warmupSteps, long totalSteps) {
  public Schedule {
    if (warmupSteps < 0 || totalSteps < 1) {
      throw new IllegalArgumentException("warm-up " + warmupSteps + ", total " + totalSteps);
    }
  }

  /** The factor for the update made at 0-based {@code step}. */
  public double factor(long step) {
    if (step < warmupSteps) {
      return (step + 1.0) / warmupSteps;
    }
    if (!cosine) {
      return 1.0;
    }
    long span = Math.max(1, totalSteps - warmupSteps);
    double progress = Math.min(1.0, (double) (step - warmupSteps) / span);
    return 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
