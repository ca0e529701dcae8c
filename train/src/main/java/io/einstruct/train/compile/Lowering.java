package io.einstruct.train.compile;

import io.einstruct.dsl.EinError;
import java.util.Locale;

/** How a plan step becomes TensorFlow ops. */
public enum Lowering {
  /** One two-operand {@code Einsum} per step. */
  EINSUM,
  /** Transposes and reshapes around one {@code BatchMatMul} per step. */
  BATCH_MATMUL,
  /** Per step, the lowering measured to be faster for its shape (see {@link LoweringChoice}). */
  AUTO;

  /** {@code einsum}, {@code bmm} or {@code auto}. */
  public static Lowering parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "einsum" -> EINSUM;
      case "bmm" -> BATCH_MATMUL;
      case "auto" -> AUTO;
      default ->
          throw EinError.setting("lowering", "expected auto, einsum or bmm, got '" + name + "'");
    };
  }
}
