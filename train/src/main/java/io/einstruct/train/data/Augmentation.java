package io.einstruct.train.data;

/**
 * How training images are perturbed; evaluation images never are.
 *
 * @param cropPadding random crop after zero-padding each side by this many pixels (0: off)
 * @param flip random horizontal flip with probability ½
 * @param mixupAlpha MixUp with λ ~ Beta(α, α), one λ per batch (0: off)
 * @param labelSmoothing target = (1 − s) · one-hot + s / classes (0: off)
 * @param permutePixels apply one fixed random permutation to every example's features, as the
 *     paper's MLPs do so that no spatial structure is left to exploit
 */
public record Augmentation(
    int cropPadding,
    boolean flip,
    double mixupAlpha,
    double labelSmoothing,
    boolean permutePixels) {
  public Augmentation {
    if (cropPadding < 0 || mixupAlpha < 0 || labelSmoothing < 0 || labelSmoothing >= 1) {
      throw new IllegalArgumentException(
          "crop padding "
              + cropPadding
              + ", mixup "
              + mixupAlpha
              + ", label smoothing "
              + labelSmoothing);
    }
  }

  /** No augmentation. */
  public static Augmentation none() {
    return new Augmentation(0, false, 0, 0, false);
  }
}
