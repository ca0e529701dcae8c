package io.einstruct.train.compile;

/**
 * Choices that apply to every layer a model compiles.
 *
 * @param weightNorm cap each factor's RMS at its μP scale and multiply it by a learnable scalar
 * @param naiveLr give every factor its layer's dense μP rate (κ = 1), for comparison
 * @param lowering how plan steps become ops
 * @param order which contraction order to lower
 */
public record CompileOptions(
    boolean weightNorm, boolean naiveLr, Lowering lowering, ContractionOrder order) {
  /** Planned order. */
  public CompileOptions(boolean weightNorm, boolean naiveLr, Lowering lowering) {
    this(weightNorm, naiveLr, lowering, ContractionOrder.PLANNED);
  }

  /** No weight normalisation, structure-aware rates, the default lowering, planned order. */
  public static CompileOptions defaults() {
    return new CompileOptions(false, false, Lowering.AUTO);
  }

  /** These options with another lowering and order. */
  public CompileOptions with(Lowering l, ContractionOrder o) {
    return new CompileOptions(weightNorm, naiveLr, l, o);
  }
}
