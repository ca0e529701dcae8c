package io.einstruct.train.optim;

/**
 * The learning-rate factor at each step: a linear warm-up over {@code warmupSteps}, then either
 * constant or a cosine decay to {@code floor} at {@code totalSteps}.
 *
 * @param cosine true for cosine decay, false for constant after warm-up
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps the run's length in steps
 * @param floor the factor cosine decay ends at (0; the papers' GPTs 0.1)
 */
public record Schedule(boolean cosine, long warmupSteps, long totalSteps, double floor) {
  public Schedule {
    if (warmupSteps < 0 || totalSteps < 1 || !(floor >= 0 && floor <= 1)) {
      throw new IllegalArgumentException(
          "warm-up " + warmupSteps + ", total " + totalSteps + ", floor " + floor);
    }
  }

  /** Cosine decay to 0 or constant. */
  public Schedule(boolean cosine, long warmupSteps, long totalSteps) {
    this(cosine, warmupSteps, totalSteps, 0);
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
    return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
