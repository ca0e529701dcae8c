package io.einstruct.train.data;

/**
 * What a dataset looks like to a model, known without loading it.
 *
 * @param features features per example, or tokens per example for text
 * @param outputs classes or regression outputs; for text, the vocabulary
 * @param trainSize training examples per epoch
 * @param loss how outputs are scored
 * @param image the images' geometry, or null when examples are not images
 * @param text true when examples are token sequences with next-token labels
 */
public record DataShape(
    int features, int outputs, int trainSize, Loss loss, ImageShape image, boolean text) {
  public DataShape {
    if (features < 1 || outputs < 1) {
      throw new IllegalArgumentException(
          "bad data shape: " + features + " features, " + outputs + " outputs");
    }
    if (image != null && image.features() != features) {
      throw new IllegalArgumentException(
          "images of " + image.features() + " features described as " + features);
    }
  }

  /** Feature vectors. */
  public static DataShape vectors(int features, int outputs, int trainSize, Loss loss) {
    return new DataShape(features, outputs, trainSize, loss, null, false);
  }

  /** Classified images. */
  public static DataShape images(ImageShape image, int classes, int trainSize) {
    return new DataShape(image.features(), classes, trainSize, Loss.CROSS_ENTROPY, image, false);
  }

  /** Token windows of {@code context} tokens over a vocabulary of {@code vocab}. */
  public static DataShape text(int context, int vocab, int trainWindows) {
    return new DataShape(context, vocab, trainWindows, Loss.CROSS_ENTROPY, null, true);
  }
}
