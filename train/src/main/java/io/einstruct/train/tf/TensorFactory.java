package io.einstruct.train.tf;

import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Makes the tensors fed to sessions and runs sessions, counting what is live so that tests can
 * assert that everything was closed. One factory per model; thread-safe.
 */
public final class TensorFactory {
  private final AtomicLong live = new AtomicLong();

  /** A float tensor of {@code shape} holding {@code data} row-major; the caller closes it. */
  public OwnedTensor<TFloat32> floats(long[] shape, float[] data) {
    return own(TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false)));
  }

  /** A float scalar; the caller closes it. */
  public OwnedTensor<TFloat32> scalar(float value) {
    return own(TFloat32.scalarOf(value));
  }

  /** An int tensor of {@code shape} holding {@code data}; the caller closes it. */
  public OwnedTensor<TInt32> ints(long[] shape, int[] data) {
    return own(TInt32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false)));
  }

  /**
   * Runs {@code runner} with a full trace and returns where the time went; its outputs are closed
   * here. For profiling, not for training loops: tracing slows a run down.
   */
  public StepTrace trace(Session.Runner runner, Graph graph) {
    runner.setOptions(
        RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
    long start = System.nanoTime();
    try (Result result = runner.runAndFetchMetadata()) {
      long wall = (System.nanoTime() - start) / 1000;
      return StepTrace.of(
          result.getMetadata().orElseThrow(() -> new IllegalStateException("no run metadata")),
          graph,
          wall);
    }
  }

  /** Runs {@code runner} and returns its outputs; the caller closes them. */
  public Fetched run(Session.Runner runner) {
    Fetched fetched = new Fetched(runner.run(), live);
    live.incrementAndGet();
    return fetched;
  }

  /** How many tensors and results made here are still open. */
  public long live() {
    return live.get();
  }

  private <T extends org.tensorflow.types.family.TType> OwnedTensor<T> own(T tensor) {
    live.incrementAndGet();
    return new OwnedTensor<>(tensor, live);
  }
}
