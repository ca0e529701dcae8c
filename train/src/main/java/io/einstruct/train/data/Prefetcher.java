package io.einstruct.train.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Makes the batches of a run on a background thread, in order, a few ahead of the training thread.
 * Closing it stops the thread; an error while making a batch surfaces from {@link #next()}.
 */
public final class Prefetcher implements AutoCloseable {
  private static final int AHEAD = 3;

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
  private final Thread thread;
  private volatile boolean stopped;

  /**
   * Starts making batches from step {@code first} (0-based, counted over all epochs) up to but
   * excluding step {@code end}.
   */
  public Prefetcher(BatchSource source, long first, long end) {
    thread = new Thread(() -> produce(source, first, end), "einstruct-batches");
    thread.setDaemon(true);
    thread.start();
  }

  private void produce(BatchSource source, long first, long end) {
    long perEpoch = source.batchesPerEpoch();
    try {
      for (long step = first; step < end && !stopped; step++) {
        Object item;
        try {
          item = source.batch(step / perEpoch, step % perEpoch);
        } catch (RuntimeException e) {
          item = e;
        }
        while (!stopped && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          // wait for the trainer to take one
        }
        if (item instanceof RuntimeException) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next batch, waiting for it if needed. */
  public Batch next() {
    try {
      Object item = queue.take();
      if (item instanceof RuntimeException e) {
        throw e;
      }
      return (Batch) item;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch", e);
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
