package io.einstruct.train.run;

import io.einstruct.train.data.Batch;
import io.einstruct.train.data.BatchSource;
import io.einstruct.train.data.Loss;
import io.einstruct.train.model.Model;

/**
 * A model's mean loss and error over a data source's held-out examples, unaugmented.
 *
 * @param loss the mean loss per example (per token for text)
 * @param error the error rate (null for regression)
 * @param examples held-out examples scored (windows for text)
 */
public record HeldOut(double loss, Double error, long examples) {
  /** Scores {@code model} on every held-out batch of {@code data}, {@code size} at a time. */
  public static HeldOut of(Model model, BatchSource data, int size) {
    double lossSum = 0;
    double errors = 0;
    long count = 0;
    for (Batch batch : data.test(size)) {
      Model.Evaluation e = model.evaluate(batch);
      lossSum += (double) e.loss() * batch.size();
      errors += (Float.isNaN(e.error()) ? 0 : e.error()) * batch.size();
      count += batch.size();
    }
    boolean classes = data.loss() == Loss.CROSS_ENTROPY;
    return new HeldOut(lossSum / count, classes ? errors / count : null, count);
  }

  /** Bits per token (per byte for byte-level text): the loss in base 2. */
  public double bitsPerToken() {
    return loss / Math.log(2);
  }

  /** Perplexity per token: e to the loss. */
  public double perplexity() {
    return Math.exp(loss);
  }
}
