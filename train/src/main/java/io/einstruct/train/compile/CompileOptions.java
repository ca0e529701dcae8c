package io.einstruct.train.compile;

/**
 * Choices that apply to every layer a model compiles.
 *
 * @param weightNorm which factors are normalised, and whether with gains
 * @param naiveLr give every factor its layer's dense μP rate (κ = 1), for comparison
 * @param lowering how plan steps become ops
 * @param order which contraction order to lower
 */
public record CompileOptions(
    WeightNormOptions weightNorm, boolean naiveLr, Lowering lowering, ContractionOrder order) {
  public CompileOptions {
    if (weightNorm == null || lowering == null || order == null) {
      throw new IllegalArgumentException("incomplete compile options");
    }
  }

  /** Planned order. */
  public CompileOptions(WeightNormOptions weightNorm, boolean naiveLr, Lowering lowering) {
    this(weightNorm, naiveLr, lowering, ContractionOrder.PLANNED);
  }

  /** No weight normalisation, structure-aware rates, the default lowering, planned order. */
  public static CompileOptions defaults() {
    return new CompileOptions(WeightNormOptions.OFF, false, Lowering.AUTO);
  }

  /** These options with another lowering and order. */
  public CompileOptions with(Lowering l, ContractionOrder o) {
    return new CompileOptions(weightNorm, naiveLr, l, o);
  }
}
