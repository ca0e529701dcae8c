package io.einstruct.train.model;

/**
 * One batch as Java arrays, row-major; tensors are made from it only for the step that uses it.
 *
 * @param inputs [size, input features]
 * @param targets [size, outputs]: class probabilities for cross-entropy, values for MSE
 * @param size number of examples
 */
public record Batch(float[] inputs, float[] targets, int size) {
  public Batch {
    if (size < 1 || inputs.length % size != 0 || targets.length % size != 0) {
      throw new IllegalArgumentException(
          "batch of "
              + size
              + " with "
              + inputs.length
              + " inputs and "
              + targets.length
              + " targets");
    }
  }
}
