package io.einstruct.train.data;

/**
 * Labelled images held as bytes, channel-major per example ([channels][height][width]), with the
 * per-channel mean and standard deviation used to normalise them.
 *
 * @param name where it came from
 * @param pixels size × channels × height × width bytes
 * @param labels one class per example
 * @param classes number of classes
 * @param channels channels per image
 * @param height rows per image
 * @param width columns per image
 * @param mean per-channel mean of pixel/255 over the training set
 * @param std per-channel standard deviation of pixel/255 over the training set
 */
public record ImageData(
    String name,
    byte[] pixels,
    int[] labels,
    int classes,
    int channels,
    int height,
    int width,
    double[] mean,
    double[] std) {
  public ImageData {
    if ((long) labels.length * channels * height * width != pixels.length) {
      throw new IllegalArgumentException(
          name
              + ": "
              + labels.length
              + " labels for "
              + pixels.length
              + " pixel bytes of "
              + channels
              + "x"
              + height
              + "x"
              + width);
    }
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** Features per example. */
  public int features() {
    return channels * height * width;
  }

  /** The same images with a class count and normalisation statistics shared with another set. */
  public ImageData with(int classes, double[] mean, double[] std) {
    return new ImageData(name, pixels, labels, classes, channels, height, width, mean, std);
  }

  /** Per-channel mean and standard deviation of pixel/255 in {@code pixels}. */
  static double[][] statistics(byte[] pixels, int channels, int perChannel) {
    double[] sum = new double[channels];
    double[] squares = new double[channels];
    int image = channels * perChannel;
    for (int i = 0; i < pixels.length; i++) {
      int c = (i % image) / perChannel;
      double v = (pixels[i] & 0xff) / 255.0;
      sum[c] += v;
      squares[c] += v * v;
    }
    long count = (long) pixels.length / channels;
    double[] mean = new double[channels];
    double[] std = new double[channels];
    for (int c = 0; c < channels; c++) {
      mean[c] = sum[c] / count;
      std[c] = Math.sqrt(Math.max(1e-12, squares[c] / count - mean[c] * mean[c]));
    }
    return new double[][] {mean, std};
  }
}
