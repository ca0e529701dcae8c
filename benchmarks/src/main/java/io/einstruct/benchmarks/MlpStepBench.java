package io.einstruct.benchmarks;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.data.Batch;
import io.einstruct.train.data.Loss;
import io.einstruct.train.model.MlpSpec;
import io.einstruct.train.model.Model;
import io.einstruct.train.model.StructureChoice;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.Device;
import io.einstruct.train.tf.SessionOptions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the paper's MLP (3 blocks, expansion 4) on a Fashion-MNIST-shaped batch of
 * 1024 (784 features, 10 classes): dense at width 256, and BTT (rank 1) at the width whose forward
 * FLOPs per example come closest to it. Includes feeding the batch and Adam's update.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class MlpStepBench {
  /** The dense model's width. */
  public static final int DENSE_WIDTH = 256;

  @Param({"dense", "btt"})
  public String structure;

  @Param({"1024"})
  public int batch;

  private Model model;
  private Batch data;
  private long step;

  /** The spec benchmarked for {@code structure}: BTT at the width of dense-256's FLOPs. */
  public static MlpSpec spec(String structure) {
    Library library = Library.builtIns();
    StructureChoice dense = StructureChoice.dense(library);
    if (structure.equals("dense")) {
      return spec(dense, dense, DENSE_WIDTH);
    }
    StructureChoice btt = new StructureChoice(library.find(structure).orElseThrow(), Args.none());
    long target = spec(dense, dense, DENSE_WIDTH).info(WeightNormOptions.OFF).forwardMacs();
    MlpSpec best = null;
    for (int w = 64; w <= 8192; w += 64) {
      MlpSpec s = spec(btt, btt, w);
      if (best == null
          || Math.abs(s.info(WeightNormOptions.OFF).forwardMacs() - target)
              < Math.abs(best.info(WeightNormOptions.OFF).forwardMacs() - target)) {
        best = s;
      }
    }
    return best;
  }

  private static MlpSpec spec(StructureChoice hidden, StructureChoice input, int width) {
    return new MlpSpec(
        784,
        10,
        width,
        3,
        4,
        hidden,
        input,
        StructureChoice.dense(Library.builtIns()),
        Loss.CROSS_ENTROPY,
        64,
        0.1,
        4);
  }

  @Setup
  public void setUp() {
    int cores = Runtime.getRuntime().availableProcessors();
    model =
        spec(structure)
            .build(
                CompileOptions.defaults(),
                AdamConfig.of(1e-3),
                batch,
                new SessionOptions(cores, cores, Device.CPU));
    model.initialize(1);
    SplittableRandom random = new SplittableRandom(2);
    float[] x = new float[batch * 784];
    float[] y = new float[batch * 10];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int n = 0; n < batch; n++) {
      y[n * 10 + random.nextInt(10)] = 1;
    }
    data = Batch.dense(x, y, batch);
  }

  @TearDown
  public void tearDown() {
    model.close();
  }

  @Benchmark
  public float step() {
    return model.train(data, 1.0, ++step).loss();
  }
}
