package io.einstruct.train.compile;

import io.einstruct.dsl.model.Structure;

/**
 * Weight normalisation of a model's factors: which layers, and whether each normalised factor gets
 * a learnable gain.
 *
 * @param enabled whether any factor is normalised
 * @param scope which layers
 * @param gain whether a normalised factor is multiplied by a learnable scalar (einsum-search's θ
 *     runs have none)
 */
public record WeightNormOptions(boolean enabled, WeightNormScope scope, boolean gain) {
  /** No normalisation. */
  public static final WeightNormOptions OFF =
      new WeightNormOptions(false, WeightNormScope.STRUCTURED, true);

  public WeightNormOptions {
    if (scope == null) {
      throw new IllegalArgumentException("a weight-norm scope is required");
    }
  }

  /** Every factor of every layer with gains: what runs configured before scopes existed did. */
  public static WeightNormOptions all() {
    return new WeightNormOptions(true, WeightNormScope.ALL, true);
  }

  /** compute-better-spent's: structured layers only, with gains. */
  public static WeightNormOptions structured() {
    return new WeightNormOptions(true, WeightNormScope.STRUCTURED, true);
  }

  /** Whether the factors of {@code s} are normalised. */
  public boolean normalises(Structure s) {
    return enabled && (scope == WeightNormScope.ALL || s.chain().size() > 1);
  }

  /**
   * Whether a normalised factor of a layer gets a gain; {@code normedOutput} marks a layer whose
   * output a LayerNorm rescales right away (q and k), where the structured scope drops it.
   */
  public boolean gains(boolean normedOutput) {
    return gain && !(scope == WeightNormScope.STRUCTURED && normedOutput);
  }

  /** The learnable gains a layer of structure {@code s} adds. */
  public int gainCount(Structure s, boolean normedOutput) {
    return normalises(s) && gains(normedOutput) ? s.chain().size() : 0;
  }
}
