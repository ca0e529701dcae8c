package io.einstruct.train.compile;

/**
 * How a model lays out the activations between its layers. The function computed is the same in
 * both; only memory order differs, and with it which transposes the structured layers need.
 */
public enum ActivationLayout {
  /** [examples, features]: the usual layout, which attention and routers need. */
  ROWS,
  /**
   * [features, examples]: each feature's values over the batch are contiguous, so the block
   * permutations inside a structured layer move whole rows of the batch, and a batched matmul with
   * the factor on the left reads the activation with no transpose at all.
   */
  COLUMNS,
  /**
   * A preference, not a layout: columns where a model's block layers batch their matmuls over an
   * index of the factor (BTT, Monarch, block-diagonal: measured faster), rows otherwise (dense, low
   * rank, Kronecker, TT: measured as fast or faster in rows). Models resolve it.
   */
  AUTO;

  /** The layout {@code AUTO} picks for block layers of structure {@code s}. */
  public static ActivationLayout preferredFor(io.einstruct.dsl.model.Structure s) {
    return s.flows().stream().anyMatch(f -> !f.batch().isEmpty()) ? COLUMNS : ROWS;
  }
}
