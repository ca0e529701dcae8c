package io.einstruct.train.optim;

/**
 * Adam's settings.
 *
 * @param baseLr the base learning rate η0, for a dense layer at the base width
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param epsilon added to the root of the second moment
 * @param weightDecay decoupled weight decay (AdamW), multiplied by each variable's rate; 0 for Adam
 * @param clipNorm clip the global gradient norm to this (0 for no clipping)
 */
public record AdamConfig(
    double baseLr,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    double clipNorm) {
  public AdamConfig {
    if (!(baseLr > 0)
        || beta1 < 0
        || beta1 >= 1
        || beta2 < 0
        || beta2 >= 1
        || epsilon <= 0
        || weightDecay < 0
        || clipNorm < 0) {
      throw new IllegalArgumentException(
          "bad Adam settings: lr "
              + baseLr
              + ", betas "
              + beta1
              + "/"
              + beta2
              + ", eps "
              + epsilon
              + ", wd "
              + weightDecay
              + ", clip "
              + clipNorm);
    }
  }

  /** torch's Adam defaults with base rate {@code lr}. */
  public static AdamConfig of(double lr) {
    return new AdamConfig(lr, 0.9, 0.999, 1e-8, 0, 0);
  }
}
