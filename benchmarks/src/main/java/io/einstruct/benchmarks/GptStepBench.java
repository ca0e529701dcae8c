package io.einstruct.benchmarks;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.data.Batch;
import io.einstruct.train.model.GptSpec;
import io.einstruct.train.model.Model;
import io.einstruct.train.model.Moe;
import io.einstruct.train.model.StructureChoice;
import io.einstruct.train.model.TransformerBody;
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
 * One training step of a byte-level GPT (2 blocks, context 128, 16 sequences): dense at width 256
 * (the baseline), and each other model at the width whose forward FLOPs per token come closest to
 * it — BTT and BTT-MoE (E = 8, k = 2) in every linear layer, and the standard MoE (8 dense experts
 * of expansion 4, k = 2) at width 256 against which {@code dense8}, a dense FFN of expansion 8 with
 * the same FLOPs per token, is the fair baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class GptStepBench {
  /** The dense baseline's width. */
  public static final int DENSE_WIDTH = 256;

  static final int CONTEXT = 128;

  @Param({"dense", "btt", "btt_moe", "moe", "dense8"})
  public String model;

  @Param({"16"})
  public int sequences;

  private Model built;
  private Batch data;
  private long step;

  /** The model benchmarked as {@code name}. */
  public static GptSpec spec(String name) {
    Library library = Library.builtIns();
    StructureChoice dense = StructureChoice.dense(library);
    switch (name) {
      case "dense":
        return gpt(dense, null, DENSE_WIDTH, 4);
      case "dense8":
        return gpt(dense, null, DENSE_WIDTH, 8);
      case "moe":
        return gpt(dense, new Moe(8, 2, dense), DENSE_WIDTH, 4);
      default:
        StructureChoice s = new StructureChoice(library.find(name).orElseThrow(), Args.none());
        double target = perToken(gpt(dense, null, DENSE_WIDTH, 4));
        GptSpec best = null;
        for (int w = 64; w <= 4096; w += 64) {
          GptSpec candidate = gpt(s, null, w, 4);
          if (best == null
              || Math.abs(perToken(candidate) - target) < Math.abs(perToken(best) - target)) {
            best = candidate;
          }
        }
        return best;
    }
  }

  private static double perToken(GptSpec spec) {
    return spec.info(WeightNormOptions.OFF).macsPerToken();
  }

  private static GptSpec gpt(StructureChoice s, Moe moe, int width, int expansion) {
    TransformerBody body =
        new TransformerBody(width, 2, 4, expansion, 64, s, s, moe, false, false, width, 8, 1, 1);
    return new GptSpec(256, CONTEXT, body, StructureChoice.dense(Library.builtIns()));
  }

  @Setup
  public void setUp() {
    int cores = Runtime.getRuntime().availableProcessors();
    built =
        spec(model)
            .build(
                CompileOptions.defaults(),
                AdamConfig.of(1e-3),
                sequences,
                new SessionOptions(cores, cores, Device.CPU));
    built.initialize(1);
    SplittableRandom random = new SplittableRandom(2);
    int[] tokens = new int[sequences * CONTEXT];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = random.nextInt(256);
    }
    data = Batch.text(tokens, tokens, sequences);
  }

  @TearDown
  public void tearDown() {
    built.close();
  }

  @Benchmark
  public float step() {
    return built.train(data, 1.0, ++step).loss();
  }
}
