package io.einstruct.train.model;

import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A causal GPT (nanoGPT-style, as in compute-better-spent): token and learned position embeddings
 * (N(0, 0.02), at the base rate), pre-LN causal {@link TransformerBody blocks} without biases, a
 * final LayerNorm, and a zero-initialised head over the vocabulary, untied from the embedding.
 *
 * @param vocab tokens in the vocabulary (256 for bytes)
 * @param context positions per sequence
 * @param body the blocks
 * @param head the structure of the head (dense)
 */
public record GptSpec(int vocab, int context, TransformerBody body, StructureChoice head)
    implements ModelSpec {
  /** The embeddings' standard deviation. */
  public static final double EMBEDDING_STD = 0.02;

  public GptSpec {
    if (vocab < 2 || context < 1) {
      throw new IllegalArgumentException("bad GPT: vocab " + vocab + ", context " + context);
    }
  }

  /** The blocks' layers and the head, in order. */
  @Override
  public List<LayerPlan> layers() {
    List<LayerPlan> layers = new ArrayList<>(body.layers());
    layers.add(headLayer());
    return layers;
  }

  LayerPlan headLayer() {
    int d = body.width();
    return new LayerPlan(
        "head", head.bind("head", d, vocab), true, (double) body.baseWidth() / d, 1.0, false, 1.0);
  }

  @Override
  public ModelInfo info(WeightNormOptions weightNorm) {
    int d = body.width();
    LayerPlan headLayer = headLayer();
    List<LayerInfo> infos = new ArrayList<>(body.infos());
    infos.add(headLayer.info());
    long params =
        (long) vocab * d
            + (long) context * d
            + body.params(weightNorm)
            + 2L * d
            + headLayer.params(weightNorm);
    long macs = body.macs(context) + headLayer.info().macs() * context;
    return new ModelInfo(params, macs, context, infos, headLayer.info().macs() * context);
  }

  @Override
  public Model build(CompileOptions options, AdamConfig adam, int batch, SessionOptions session) {
    return GptBuilder.build(this, options, adam, batch, session);
  }
}
