package io.einstruct.train.compile;

/**
 * Choices that apply to every layer a model compiles.
 *
 * @param weightNorm which factors are normalised, and whether with gains
 * @param naiveLr give every factor its layer's dense μP rate (κ = 1), for comparison
 * @param lowering how plan steps become ops
 * @param order which contraction order to lower
 * @param layout how a model that can choose lays out activations between layers (the MLP without
 *     routed layers; transformers and routers always use rows)
 */
public record CompileOptions(
    WeightNormOptions weightNorm,
    boolean naiveLr,
    Lowering lowering,
    ContractionOrder order,
    ActivationLayout layout) {
  /** The layout models use unless told otherwise: chosen per structure, as measured. */
  public static final ActivationLayout DEFAULT_LAYOUT = ActivationLayout.AUTO;

  public CompileOptions {
    if (weightNorm == null || lowering == null || order == null || layout == null) {
      throw new IllegalArgumentException("incomplete compile options");
    }
  }

  /** The default layout. */
  public CompileOptions(
      WeightNormOptions weightNorm, boolean naiveLr, Lowering lowering, ContractionOrder order) {
    this(weightNorm, naiveLr, lowering, order, DEFAULT_LAYOUT);
  }

  /** Planned order, the default layout. */
  public CompileOptions(WeightNormOptions weightNorm, boolean naiveLr, Lowering lowering) {
    this(weightNorm, naiveLr, lowering, ContractionOrder.PLANNED);
  }

  /** These options with another activation layout. */
  public CompileOptions with(ActivationLayout l) {
    return new CompileOptions(weightNorm, naiveLr, lowering, order, l);
  }

  /** No weight normalisation, structure-aware rates, the default lowering, planned order. */
  public static CompileOptions defaults() {
    return new CompileOptions(WeightNormOptions.OFF, false, Lowering.AUTO);
  }

  /** These options with another lowering and order. */
  public CompileOptions with(Lowering l, ContractionOrder o) {
    return new CompileOptions(weightNorm, naiveLr, l, o, layout);
  }
}
