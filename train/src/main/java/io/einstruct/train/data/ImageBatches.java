package io.einstruct.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Batches of an image dataset: each epoch a seeded shuffle of the training set, cut into full
 * batches (the last partial one is dropped, so every step has the same cost); images normalised per
 * channel, augmented with a generator seeded by (seed, epoch, index), and optionally permuted.
 */
public final class ImageBatches implements BatchSource {
  private static final long SHUFFLE = 1;
  private static final long AUGMENT = 2;
  private static final long PERMUTE = 3;

  private final Split split;
  private final int batchSize;
  private final long seed;
  private final Augmentation augmentation;
  private final int[] permutation;

  /** Batches of {@code batchSize} from {@code split}. */
  public ImageBatches(Split split, int batchSize, long seed, Augmentation augmentation) {
    if (batchSize < 1 || batchSize > split.train().size()) {
      throw new IllegalArgumentException(
          "batch " + batchSize + " for " + split.train().size() + " training examples");
    }
    this.split = split;
    this.batchSize = batchSize;
    this.seed = seed;
    this.augmentation = augmentation;
    this.permutation =
        augmentation.permutePixels()
            ? shuffled(split.train().features(), new SplittableRandom(Seeds.mix(seed, PERMUTE)))
            : null;
  }

  @Override
  public DataShape shape() {
    ImageData d = split.train();
    return DataShape.images(
        new ImageShape(d.channels(), d.height(), d.width()), d.classes(), d.size());
  }

  @Override
  public long batchesPerEpoch() {
    return split.train().size() / batchSize;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public Batch batch(long epoch, long index) {
    ImageData data = split.train();
    int[] order = shuffled(data.size(), new SplittableRandom(Seeds.mix(seed, SHUFFLE, epoch)));
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, AUGMENT, epoch, index));
    int f = features();
    int c = outputs();
    float[] x = new float[batchSize * f];
    float[] t = new float[batchSize * c];
    for (int n = 0; n < batchSize; n++) {
      int example = order[(int) (index * batchSize + n)];
      write(data, example, x, n * f, random);
      target(data.labels()[example], t, n * c, c);
    }
    if (augmentation.mixupAlpha() > 0) {
      mix(x, t, f, c, random);
    }
    return Batch.dense(x, t, batchSize);
  }

  @Override
  public List<Batch> test(int size) {
    ImageData data = split.test();
    List<Batch> batches = new ArrayList<>();
    int f = features();
    int c = outputs();
    for (int start = 0; start < data.size(); start += size) {
      int n = Math.min(size, data.size() - start);
      float[] x = new float[n * f];
      float[] t = new float[n * c];
      for (int i = 0; i < n; i++) {
        write(data, start + i, x, i * f, null);
        t[i * c + data.labels()[start + i]] = 1;
      }
      batches.add(Batch.dense(x, t, n));
    }
    return batches;
  }

  /**
   * {@code images} (of the training set's channels and size, labels ignored) as the model saw its
   * held-out examples: normalised by the training set's statistics, permuted as it was, in one
   * batch of zero targets.
   */
  public Batch examples(ImageData images) {
    ImageData train = split.train();
    if (images.channels() != train.channels()
        || images.height() != train.height()
        || images.width() != train.width()) {
      throw new IllegalArgumentException(
          "images of "
              + images.channels()
              + "×"
              + images.height()
              + "×"
              + images.width()
              + " for a model of "
              + train.channels()
              + "×"
              + train.height()
              + "×"
              + train.width());
    }
    ImageData scaled = images.with(train.classes(), train.mean(), train.std());
    int f = features();
    float[] x = new float[scaled.size() * f];
    for (int i = 0; i < scaled.size(); i++) {
      write(scaled, i, x, i * f, null);
    }
    return Batch.dense(x, new float[scaled.size() * outputs()], scaled.size());
  }

  @Override
  public String describe() {
    return split.train().name()
        + " ("
        + split.train().size()
        + " train, "
        + split.test().size()
        + " test, "
        + split.train().channels()
        + "×"
        + split.train().height()
        + "×"
        + split.train().width()
        + ", "
        + outputs()
        + " classes)";
  }

  /** Normalised (and, when {@code random} is given, augmented and) permuted features. */
  private void write(ImageData data, int example, float[] x, int offset, SplittableRandom random) {
    int h = data.height();
    int w = data.width();
    int pad = random == null ? 0 : augmentation.cropPadding();
    int dy = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
    int dx = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
    boolean flip = random != null && augmentation.flip() && random.nextBoolean();
    int base = example * data.features();
    for (int ch = 0; ch < data.channels(); ch++) {
      float mean = (float) data.mean()[ch];
      float scale = (float) (1 / data.std()[ch]);
      for (int row = 0; row < h; row++) {
        for (int col = 0; col < w; col++) {
          int sr = row + dy;
          int sc = flip ? w - 1 - (col + dx) : col + dx;
          float v =
              sr < 0 || sr >= h || sc < 0 || sc >= w
                  ? 0
                  : (data.pixels()[base + (ch * h + sr) * w + sc] & 0xff) / 255f;
          int feature = (ch * h + row) * w + col;
          int at = permutation == null ? feature : permutation[feature];
          x[offset + at] = (v - mean) * scale;
        }
      }
    }
  }

  private void target(int label, float[] t, int offset, int classes) {
    double s = augmentation.labelSmoothing();
    for (int k = 0; k < classes; k++) {
      t[offset + k] = (float) (s / classes);
    }
    t[offset + label] += (float) (1 - s);
  }

  /** MixUp: every example becomes λ · itself + (1 − λ) · a partner from the same batch. */
  private void mix(float[] x, float[] t, int f, int c, SplittableRandom random) {
    double lambda =
        new BetaDistribution(
                new Well19937c(random.nextLong()),
                augmentation.mixupAlpha(),
                augmentation.mixupAlpha())
            .sample();
    int[] partner = shuffled(batchSize, random);
    float[] x0 = x.clone();
    float[] t0 = t.clone();
    float a = (float) lambda;
    float b = 1 - a;
    for (int n = 0; n < batchSize; n++) {
      int p = partner[n];
      for (int i = 0; i < f; i++) {
        x[n * f + i] = a * x0[n * f + i] + b * x0[p * f + i];
      }
      for (int k = 0; k < c; k++) {
        t[n * c + k] = a * t0[n * c + k] + b * t0[p * c + k];
      }
    }
  }

  private static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }
}
