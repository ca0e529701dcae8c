package io.einstruct.train.tf;

import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.types.family.TType;

/**
 * A tensor with one owner: closing it frees its native memory once and updates its factory's count
 * of live tensors.
 *
 * @param <T> the tensor type
 */
public final class OwnedTensor<T extends TType> implements AutoCloseable {
  private final T tensor;
  private final AtomicLong live;
  private boolean closed;

  OwnedTensor(T tensor, AtomicLong live) {
    this.tensor = tensor;
    this.live = live;
  }

  /** The tensor, to feed; valid until this is closed. */
  public T get() {
    if (closed) {
      throw new IllegalStateException("tensor already closed");
    }
    return tensor;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      tensor.close();
      live.decrementAndGet();
    }
  }
}
