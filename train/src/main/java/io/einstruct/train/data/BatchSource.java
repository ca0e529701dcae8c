package io.einstruct.train.data;

import java.util.List;

/**
 * Where training batches come from. A batch is a pure function of (epoch, index), so a run can
 * resume anywhere and produce the batches the uninterrupted run would have.
 */
public interface BatchSource {
  /** What the examples look like. */
  DataShape shape();

  /** Features (or tokens) per example. */
  default int features() {
    return shape().features();
  }

  /** Outputs per example: classes, regression targets, or the vocabulary of text. */
  default int outputs() {
    return shape().outputs();
  }

  /** How outputs are scored. */
  default Loss loss() {
    return shape().loss();
  }

  /** Training batches per epoch. */
  long batchesPerEpoch();

  /** Training examples per batch. */
  int batchSize();

  /** The training batch {@code index} of {@code epoch}. */
  Batch batch(long epoch, long index);

  /** The held-out examples, unaugmented, in batches of at most {@code size}. */
  List<Batch> test(int size);

  /** A short description for logs. */
  String describe();
}
