package io.einstruct.train.data;

/** What a model's output is scored by. */
public enum Loss {
  /** Softmax cross-entropy against (possibly soft) class targets. */
  CROSS_ENTROPY,
  /** Mean squared error against real targets. */
  MSE
}
