package io.einstruct.train.run;

import java.util.List;

/**
 * The model of a run.
 *
 * @param kind {@code mlp}, {@code vit} or {@code gpt}
 * @param structure a built-in name or a {@code .ein} path, for every linear layer but the head
 * @param structureName which structure of a {@code .ein} file (null: its only one)
 * @param params the structure's parameter values as {@code NAME=VALUE}
 * @param inputStructure {@code auto} (dense for low rank, as the paper; else the structure), {@code
 *     dense} or {@code same}
 * @param width the model width d
 * @param depth residual blocks
 * @param expansion hidden width of a block, in multiples of d
 * @param baseWidth d0: at this width every dense layer trains at the base rate
 * @param weightNorm cap each factor's RMS at its μP scale, with learnable gains
 * @param naiveLr every factor at its layer's dense rate (κ = 1), for comparison
 * @param lowering {@code auto} (the default: per step, the lowering measured faster), {@code
 *     einsum} or {@code bmm}
 * @param source the structure's DSL source, inline (null: read {@code structure} as a built-in or a
 *     file); studies store it so that workers elsewhere need no files
 * @param transformer heads, patches, attention structure and MoE of a transformer (null: the
 *     defaults)
 */
public record ModelConfig(
    String kind,
    String structure,
    String structureName,
    List<String> params,
    String inputStructure,
    int width,
    int depth,
    int expansion,
    int baseWidth,
    boolean weightNorm,
    boolean naiveLr,
    String lowering,
    String source,
    TransformerConfig transformer) {
  public ModelConfig {
    params = params == null ? List.of() : List.copyOf(params);
    transformer = transformer == null ? TransformerConfig.defaults() : transformer;
  }

  /** This model at another width. */
  public ModelConfig withWidth(int w) {
    return new ModelConfig(
        kind,
        structure,
        structureName,
        params,
        inputStructure,
        w,
        depth,
        expansion,
        baseWidth,
        weightNorm,
        naiveLr,
        lowering,
        source,
        transformer);
  }

  /** This model with naive (κ = 1) or structure-aware learning rates. */
  public ModelConfig withNaiveLr(boolean naive) {
    return new ModelConfig(
        kind,
        structure,
        structureName,
        params,
        inputStructure,
        width,
        depth,
        expansion,
        baseWidth,
        weightNorm,
        naive,
        lowering,
        source,
        transformer);
  }

  /** The paper's residual MLP with dense layers at width 256. */
  public static ModelConfig defaults() {
    return new ModelConfig(
        "mlp",
        "dense",
        null,
        List.of(),
        "auto",
        256,
        3,
        4,
        64,
        false,
        false,
        "auto",
        null,
        TransformerConfig.defaults());
  }
}
