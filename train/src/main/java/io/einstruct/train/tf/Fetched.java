package io.einstruct.train.tf;

import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * The outputs of one session run, in fetch order. Values are copied into Java arrays while it is
 * open; closing it frees every output tensor.
 */
public final class Fetched implements AutoCloseable {
  private final Result result;
  private final AtomicLong live;
  private boolean closed;

  Fetched(Result result, AtomicLong live) {
    this.result = result;
    this.live = live;
  }

  /** The float scalar fetched at {@code index}. */
  public float scalar(int index) {
    return ((TFloat32) tensor(index)).getFloat();
  }

  /** The float tensor fetched at {@code index}, copied row-major. */
  public float[] floats(int index) {
    TFloat32 t = (TFloat32) tensor(index);
    float[] out = new float[Math.toIntExact(t.size())];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  /** The shape of the tensor fetched at {@code index}. */
  public long[] shape(int index) {
    return tensor(index).shape().asArray();
  }

  private Tensor tensor(int index) {
    if (closed) {
      throw new IllegalStateException("results already closed");
    }
    return result.get(index);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      result.close();
      live.decrementAndGet();
    }
  }
}
