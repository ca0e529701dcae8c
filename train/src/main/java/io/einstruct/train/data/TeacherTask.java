package io.einstruct.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic regression task of einsum-search §5: a random deep ReLU network (the teacher) maps
 * fresh Gaussian inputs to one output, standardised over a large sample; the student minimises the
 * squared error. Data never repeats, so there is no overfitting and the loss measures expressivity
 * per FLOP.
 */
public final class TeacherTask implements BatchSource {
  private static final long WEIGHTS = 11;
  private static final long TRAIN = 12;
  private static final long TEST = 13;
  private static final long STANDARDISE = 14;
  private static final int STANDARDISE_SAMPLES = 4096;

  private final int inputs;
  private final int batchSize;
  private final long batchesPerEpoch;
  private final int testSize;
  private final long seed;
  private final float[][][] weights;
  private final double mean;
  private final double std;

  /**
   * A teacher with {@code depth} hidden ReLU layers of {@code width}, weights N(0, 1/fan_in) and
   * activations scaled by √2.
   *
   * @param inputs input features (8 in the paper)
   * @param width teacher width (1024 in the paper)
   * @param depth teacher hidden layers (6 in the paper)
   * @param batchSize training batch size
   * @param batchesPerEpoch steps that count as one epoch
   * @param testSize held-out examples
   * @param seed seeds the teacher's weights and all inputs
   */
  public TeacherTask(
      int inputs,
      int width,
      int depth,
      int batchSize,
      long batchesPerEpoch,
      int testSize,
      long seed) {
    this.inputs = inputs;
    this.batchSize = batchSize;
    this.batchesPerEpoch = batchesPerEpoch;
    this.testSize = testSize;
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, WEIGHTS));
    weights = new float[depth + 1][][];
    int fanIn = inputs;
    for (int l = 0; l <= depth; l++) {
      int fanOut = l == depth ? 1 : width;
      weights[l] = new float[fanOut][fanIn];
      for (float[] row : weights[l]) {
        for (int i = 0; i < fanIn; i++) {
          row[i] = (float) (gaussian(random) / Math.sqrt(fanIn));
        }
      }
      fanIn = fanOut;
    }
    float[] sample =
        raw(
            gaussians(
                STANDARDISE_SAMPLES * inputs, new SplittableRandom(Seeds.mix(seed, STANDARDISE))),
            STANDARDISE_SAMPLES);
    double sum = 0;
    double squares = 0;
    for (float v : sample) {
      sum += v;
      squares += (double) v * v;
    }
    mean = sum / sample.length;
    std = Math.sqrt(Math.max(1e-12, squares / sample.length - mean * mean));
  }

  @Override
  public DataShape shape() {
    return DataShape.vectors(inputs, 1, (int) (batchesPerEpoch * batchSize), Loss.MSE);
  }

  @Override
  public long batchesPerEpoch() {
    return batchesPerEpoch;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public Batch batch(long epoch, long index) {
    return labelled(batchSize, new SplittableRandom(Seeds.mix(seed, TRAIN, epoch, index)));
  }

  @Override
  public List<Batch> test(int size) {
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, TEST));
    List<Batch> batches = new ArrayList<>();
    for (int start = 0; start < testSize; start += size) {
      batches.add(labelled(Math.min(size, testSize - start), random));
    }
    return batches;
  }

  @Override
  public String describe() {
    return "teacher regression ("
        + inputs
        + " inputs, "
        + (weights.length - 1)
        + " ReLU layers of "
        + weights[0].length
        + ")";
  }

  private Batch labelled(int n, SplittableRandom random) {
    float[] x = gaussians(n * inputs, random);
    float[] y = raw(x, n);
    for (int i = 0; i < n; i++) {
      y[i] = (float) ((y[i] - mean) / std);
    }
    return Batch.dense(x, y, n);
  }

  /** The teacher's output for each of the {@code n} inputs in {@code x}, unstandardised. */
  private float[] raw(float[] x, int n) {
    float[] out = new float[n];
    float sqrt2 = (float) Math.sqrt(2);
    for (int e = 0; e < n; e++) {
      float[] a = new float[inputs];
      System.arraycopy(x, e * inputs, a, 0, inputs);
      for (int l = 0; l < weights.length; l++) {
        float[][] w = weights[l];
        float[] next = new float[w.length];
        for (int o = 0; o < w.length; o++) {
          float s = 0;
          float[] row = w[o];
          for (int i = 0; i < row.length; i++) {
            s += row[i] * a[i];
          }
          next[o] = l == weights.length - 1 ? s : Math.max(0, s) * sqrt2;
        }
        a = next;
      }
      out[e] = a[0];
    }
    return out;
  }

  private static float[] gaussians(int n, SplittableRandom random) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) gaussian(random);
    }
    return v;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
