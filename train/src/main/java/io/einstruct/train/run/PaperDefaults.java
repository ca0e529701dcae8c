package io.einstruct.train.run;

import io.einstruct.train.compile.WeightNormScope;

/**
 * The defaults that make each model kind run as the papers' reference code ran it, in one place.
 * They fill the settings a new configuration leaves open; a configuration read from a file is never
 * completed, so that a run written before a setting existed resumes as it started.
 *
 * <ul>
 *   <li>GPT (compute-better-spent and einsum-search {@code train_gpt.py}): the μP base model has
 *       FFN expansion 1, so each block's second layer trains at d0/(4d); attention logits are
 *       scaled by 8/d_head; each residual branch is multiplied by √(3/L) (einsum-search's depth-μP,
 *       1 at the default L = 3); cosine decay ends at η/10.
 *   <li>ViT (compute-better-spent {@code nn/vit.py}): logits scaled by 8/d_head; base expansion =
 *       the expansion (4), as its CIFAR code.
 *   <li>MLP: nothing to fill (base expansion = the expansion, as compute-better-spent's MLPs).
 *   <li>Weight normalisation, where on: structured layers only, with gains (compute-better-spent
 *       normalises only BTT cores, without a gain on q and k under QK-LayerNorm).
 * </ul>
 */
public final class PaperDefaults {
  /** The attention constant c of both papers: logits × 8/d_head, 1/√d_head at d_head = 64. */
  public static final double ATTENTION_SCALE_C = 8.0;

  /** The GPTs' μP base expansion. */
  public static final int GPT_BASE_EXPANSION = 1;

  /** Where the GPTs' cosine decay ends, as a fraction of the peak rate. */
  public static final double GPT_FINAL_LR_FRACTION = 0.1;

  private PaperDefaults() {}

  /** {@code c} with every open setting of its model kind filled. */
  public static TrainConfig complete(TrainConfig c) {
    ModelConfig m = c.model();
    boolean gpt = m.kind() == ModelKind.GPT;
    boolean transformer = gpt || m.kind() == ModelKind.VIT;
    TransformerConfig t = m.transformer();
    TransformerConfig tc =
        !transformer
            ? t
            : new TransformerConfig(
                t.heads(),
                t.patch(),
                t.attention(),
                t.attentionParams(),
                t.experts(),
                t.top(),
                or(t.attnScaleC(), ATTENTION_SCALE_C),
                t.dHead(),
                gpt ? or(t.depthScaling(), Boolean.TRUE) : t.depthScaling(),
                t.attnWidth());
    ModelConfig mc =
        m.toBuilder()
            .transformer(tc)
            .baseExpansion(gpt ? or(m.baseExpansion(), GPT_BASE_EXPANSION) : m.baseExpansion())
            .weightNorm(
                m.weightNorm()
                    ? or(m.weightNormScope(), WeightNormScope.STRUCTURED)
                    : m.weightNormScope(),
                m.weightNorm() ? or(m.weightNormGain(), Boolean.TRUE) : m.weightNormGain())
            .build();
    OptimConfig o = c.optim();
    OptimConfig oc =
        new OptimConfig(
            o.kind(),
            o.lr(),
            o.beta1(),
            o.beta2(),
            o.epsilon(),
            o.weightDecay(),
            o.clip(),
            o.schedule(),
            o.warmup(),
            o.inputLrMultiplier(),
            gpt ? or(o.finalLrFraction(), GPT_FINAL_LR_FRACTION) : o.finalLrFraction());
    return c.with(mc).with(oc);
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
