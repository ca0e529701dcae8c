package io.einstruct.train.compile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.einstruct.train.Choices;

/** How a plan step becomes TensorFlow ops. */
public enum Lowering implements Choices.Keyed {
  /** One two-operand {@code Einsum} per step. */
  EINSUM("einsum"),
  /** Transposes and reshapes around one {@code BatchMatMul} per step. */
  BATCH_MATMUL("bmm"),
  /** Per step, the lowering measured to be faster for its shape (see {@link LoweringChoice}). */
  AUTO("auto");

  private final String key;

  Lowering(String key) {
    this.key = key;
  }

  @Override
  @JsonValue
  public String key() {
    return key;
  }

  /** {@code einsum}, {@code bmm} or {@code auto}, in any case. */
  @JsonCreator
  public static Lowering parse(String name) {
    return Choices.parse(Lowering.class, "lowering", name);
  }

  @Override
  public String toString() {
    return key();
  }
}
