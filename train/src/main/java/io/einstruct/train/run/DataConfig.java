package io.einstruct.train.run;

/**
 * The data of a run and how it is augmented.
 *
 * @param source {@code fashion-mnist}, {@code fashion-mnist:DIR}, {@code mnist:DIR}, {@code
 *     cifar10:DIR}, {@code cifar100:DIR}, {@code teacher} or {@code text:PATH[,PATH...]}
 * @param crop random-crop padding in pixels (0: off)
 * @param flip random horizontal flips
 * @param mixup MixUp α (0: off)
 * @param labelSmoothing label smoothing (0: off)
 * @param permute one fixed random permutation of the pixels
 * @param teacherInputs inputs of the teacher task
 * @param teacherWidth width of the teacher network
 * @param teacherDepth hidden layers of the teacher network
 * @param context tokens per example of text data
 */
public record DataConfig(
    DataSource source,
    int crop,
    boolean flip,
    double mixup,
    double labelSmoothing,
    boolean permute,
    int teacherInputs,
    int teacherWidth,
    int teacherDepth,
    int context) {
  /** This configuration reading {@code source} instead. */
  public DataConfig withSource(DataSource source) {
    return new DataConfig(
        source,
        crop,
        flip,
        mixup,
        labelSmoothing,
        permute,
        teacherInputs,
        teacherWidth,
        teacherDepth,
        context);
  }

  /** This configuration with windows of {@code tokens} tokens of text. */
  public DataConfig withContext(int tokens) {
    return new DataConfig(
        source,
        crop,
        flip,
        mixup,
        labelSmoothing,
        permute,
        teacherInputs,
        teacherWidth,
        teacherDepth,
        tokens);
  }

  /** Fashion-MNIST from the Debian package, unaugmented. */
  public static DataConfig defaults() {
    return new DataConfig(DataSource.parse("fashion-mnist"), 0, false, 0, 0, false, 8, 256, 6, 128);
  }
}
