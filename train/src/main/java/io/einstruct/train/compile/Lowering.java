package io.einstruct.train.compile;

/** How a plan step becomes TensorFlow ops. */
public enum Lowering {
  /** One two-operand {@code Einsum} per step. */
  EINSUM,
  /** Transposes and reshapes around one {@code BatchMatMul} per step. */
  BATCH_MATMUL
}
