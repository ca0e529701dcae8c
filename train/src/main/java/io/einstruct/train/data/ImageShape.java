package io.einstruct.train.data;

/**
 * The geometry of images stored channel-major ([channels][height][width]) as feature vectors.
 *
 * @param channels channels per image
 * @param height rows
 * @param width columns
 */
public record ImageShape(int channels, int height, int width) {
  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "bad image shape " + channels + "x" + height + "x" + width);
    }
  }

  /** Features per image. */
  public int features() {
    return channels * height * width;
  }
}
