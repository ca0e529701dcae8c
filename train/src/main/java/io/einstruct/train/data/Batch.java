package io.einstruct.train.data;

/**
 * One batch as Java arrays, row-major; tensors are made from it only for the step that uses it.
 * Either {@code inputs} (features) or {@code tokens} is set, and either {@code targets} or {@code
 * labels}.
 *
 * @param inputs [size, features] for MLPs and ViTs, or null
 * @param tokens [size, context] token ids for GPTs, or null
 * @param targets [size, outputs]: class probabilities for cross-entropy, values for MSE; or null
 * @param labels [size, context] next-token ids for GPTs, or null
 * @param size number of examples
 */
public record Batch(float[] inputs, int[] tokens, float[] targets, int[] labels, int size) {
  public Batch {
    if (size < 1 || (inputs == null) == (tokens == null) || (targets == null) == (labels == null)) {
      throw new IllegalArgumentException(
          "a batch has one of inputs and tokens, one of targets "
              + "and labels, and at least one example");
    }
    int in = inputs != null ? inputs.length : tokens.length;
    int out = targets != null ? targets.length : labels.length;
    if (in % size != 0 || out % size != 0) {
      throw new IllegalArgumentException(
          "batch of " + size + " with " + in + " inputs and " + out + " targets");
    }
  }

  /** Features and real targets. */
  public static Batch dense(float[] inputs, float[] targets, int size) {
    return new Batch(inputs, null, targets, null, size);
  }

  /** Token ids and next-token labels. */
  public static Batch text(int[] tokens, int[] labels, int size) {
    return new Batch(null, tokens, null, labels, size);
  }
}
