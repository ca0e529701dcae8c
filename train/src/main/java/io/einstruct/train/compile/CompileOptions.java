package io.einstruct.train.compile;

/**
 * Choices that apply to every layer a model compiles.
 *
 * @param weightNorm cap each factor's RMS at its μP scale and multiply it by a learnable scalar
 * @param naiveLr give every factor its layer's dense μP rate (κ = 1), for comparison
 * @param lowering how plan steps become ops
 */
public record CompileOptions(boolean weightNorm, boolean naiveLr, Lowering lowering) {
  /** No weight normalisation, structure-aware rates, Einsum steps. */
  public static CompileOptions defaults() {
    return new CompileOptions(false, false, Lowering.EINSUM);
  }
}
