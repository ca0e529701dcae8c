package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.compile.WeightNormScope;
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
 * @param baseExpansion e0, the FFN expansion of the μP base model, which sets the rate of each
 *     block's second layer to (e0·d0)/(e·d) (null: e, as configurations written before it existed)
 * @param weightNormScope which layers weight normalisation wraps, {@code structured} or {@code all}
 *     (null: all, as configurations written before it existed)
 * @param weightNormGain whether normalised factors get a learnable gain (null: yes)
 * @param head the structure of the head, a built-in name or {@code .ein} path (null: dense)
 * @param headParams the head structure's parameters as {@code NAME=VALUE}
 * @param headSource the head structure's DSL source, inline, as {@code source} (null: read {@code
 *     head})
 * @param initFrom a safetensors file whose tensors replace the random start of the parameters they
 *     name, e.g. a dense run projected onto the structure (null: all random)
 *     <p>Fields added after the first format are left out of the JSON when null, so that the
 *     configurations (and study trial keys) of runs that do not use them stay as they were.
 */
public record ModelConfig(
    ModelKind kind,
    String structure,
    String structureName,
    List<String> params,
    InputStructure inputStructure,
    int width,
    int depth,
    int expansion,
    int baseWidth,
    boolean weightNorm,
    boolean naiveLr,
    Lowering lowering,
    String source,
    TransformerConfig transformer,
    @JsonInclude(Include.NON_NULL) Integer baseExpansion,
    @JsonInclude(Include.NON_NULL) WeightNormScope weightNormScope,
    @JsonInclude(Include.NON_NULL) Boolean weightNormGain,
    @JsonInclude(Include.NON_NULL) String head,
    @JsonInclude(Include.NON_EMPTY) List<String> headParams,
    @JsonInclude(Include.NON_NULL) String headSource,
    @JsonInclude(Include.NON_NULL) String initFrom) {
  public ModelConfig {
    params = params == null ? List.of() : List.copyOf(params);
    transformer = transformer == null ? TransformerConfig.defaults() : transformer;
    headParams = headParams == null ? List.of() : List.copyOf(headParams);
  }

  /** A model configured without the settings added after the first format. */
  public ModelConfig(
      ModelKind kind,
      String structure,
      String structureName,
      List<String> params,
      InputStructure inputStructure,
      int width,
      int depth,
      int expansion,
      int baseWidth,
      boolean weightNorm,
      boolean naiveLr,
      Lowering lowering,
      String source,
      TransformerConfig transformer) {
    this(
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
        naiveLr,
        lowering,
        source,
        transformer,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null);
  }

  /** This model at another width. */
  public ModelConfig withWidth(int w) {
    return toBuilder().width(w).build();
  }

  /** This model with naive (κ = 1) or structure-aware learning rates. */
  public ModelConfig withNaiveLr(boolean naive) {
    return toBuilder().naiveLr(naive).build();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A copy of a configuration with some fields changed, for code that derives one configuration
   * from another; lives only as long as that derivation.
   */
  public static final class Builder {
    private String structure;
    private String structureName;
    private List<String> params;
    private int width;
    private boolean naiveLr;
    private String source;
    private TransformerConfig transformer;
    private Integer baseExpansion;
    private WeightNormScope weightNormScope;
    private Boolean weightNormGain;
    private String headSource;
    private String initFrom;
    private final ModelConfig from;

    private Builder(ModelConfig from) {
      this.from = from;
      structure = from.structure;
      structureName = from.structureName;
      params = from.params;
      width = from.width;
      naiveLr = from.naiveLr;
      source = from.source;
      transformer = from.transformer;
      baseExpansion = from.baseExpansion;
      weightNormScope = from.weightNormScope;
      weightNormGain = from.weightNormGain;
      headSource = from.headSource;
      initFrom = from.initFrom;
    }

    /** The structure, its name in a file, its parameters and its inline source. */
    public Builder structure(String name, String inFile, List<String> values, String text) {
      structure = name;
      structureName = inFile;
      params = values;
      source = text;
      return this;
    }

    /** The model width. */
    public Builder width(int w) {
      width = w;
      return this;
    }

    /** Naive or structure-aware rates. */
    public Builder naiveLr(boolean naive) {
      naiveLr = naive;
      return this;
    }

    /** The transformer settings. */
    public Builder transformer(TransformerConfig t) {
      transformer = t;
      return this;
    }

    /** The μP base model's expansion (null: the expansion). */
    public Builder baseExpansion(Integer e0) {
      baseExpansion = e0;
      return this;
    }

    /** The weight-normalisation scope and gains (nulls: as before they existed). */
    public Builder weightNorm(WeightNormScope scope, Boolean gain) {
      weightNormScope = scope;
      weightNormGain = gain;
      return this;
    }

    /** The head structure's inline source. */
    public Builder headSource(String text) {
      headSource = text;
      return this;
    }

    /** The file of starting weights (null: a random start). */
    public Builder initFrom(String file) {
      initFrom = file;
      return this;
    }

    /** The configuration. */
    public ModelConfig build() {
      return new ModelConfig(
          from.kind,
          structure,
          structureName,
          params,
          from.inputStructure,
          width,
          from.depth,
          from.expansion,
          from.baseWidth,
          from.weightNorm,
          naiveLr,
          from.lowering,
          source,
          transformer,
          baseExpansion,
          weightNormScope,
          weightNormGain,
          from.head,
          from.headParams,
          headSource,
          initFrom);
    }
  }

  /** The paper's residual MLP with dense layers at width 256. */
  public static ModelConfig defaults() {
    return new ModelConfig(
        ModelKind.MLP,
        "dense",
        null,
        List.of(),
        InputStructure.AUTO,
        256,
        3,
        4,
        64,
        false,
        false,
        Lowering.AUTO,
        null,
        TransformerConfig.defaults());
  }
}
