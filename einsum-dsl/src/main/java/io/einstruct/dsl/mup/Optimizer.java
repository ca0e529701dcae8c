package io.einstruct.dsl.mup;

/** The optimiser family μP rates are derived for. */
public enum Optimizer {
  /** Adam and AdamW: a dense layer's rate scales as 1 / fan_in. */
  ADAM,
  /** Plain SGD: a dense layer's rate scales as fan_out / fan_in. */
  SGD
}
