package io.einstruct.benchmarks;

import io.einstruct.dsl.library.Library;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.ContractionOrder;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.tf.Device;
import io.einstruct.train.tf.SessionOptions;
import java.util.Locale;
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
 * One layer at {@code width → width} on a batch of 1024: the forward pass ({@code fwd}), and the
 * forward pass with every gradient ({@code fwdBwd}). Achieved GFLOP/s is 2 × MACs / time, with the
 * MACs of the forward pass counted by the DSL and the backward pass costing twice the forward
 * (input and factor gradients); {@link BenchTable} prints it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class LayerBench {
  @Param({
    "dense",
    "lowrank",
    "kron",
    "monarch b=4",
    "monarch b=16",
    "tt",
    "btt r=1",
    "btt r=4",
    "btt3",
    "btt_moe E=8 k=2"
  })
  public String structure;

  @Param({"256", "1024", "4096"})
  public int width;

  @Param({"1024"})
  public int batch;

  /** {@code auto}, {@code einsum} or {@code bmm}. */
  @Param({"auto"})
  public String lowering;

  /** {@code planned} or {@code chain}. */
  @Param({"planned"})
  public String order;

  /** Intra-op threads; 0 for every core. */
  @Param({"0"})
  public int threads;

  /** Inter-op threads; 0 for every core. */
  @Param({"0"})
  public int interThreads;

  private LayerRunner runner;

  @Setup
  public void setUp() {
    int cores = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    CompileOptions options =
        CompileOptions.defaults()
            .with(
                Lowering.parse(lowering), ContractionOrder.valueOf(order.toUpperCase(Locale.ROOT)));
    runner =
        new LayerRunner(
            BenchStructure.parse(structure).bind(Library.builtIns(), width),
            batch,
            options,
            new SessionOptions(
                cores,
                interThreads > 0 ? interThreads : Runtime.getRuntime().availableProcessors(),
                Device.CPU),
            1);
  }

  @TearDown
  public void tearDown() {
    runner.close();
  }

  @Benchmark
  public float fwd() {
    return runner.forward();
  }

  @Benchmark
  public float fwdBwd() {
    return runner.forwardBackward();
  }
}
