package io.einstruct.train.model;

import java.util.List;

/**
 * What a model is made of.
 *
 * @param params trainable parameters, norms and biases included
 * @param forwardMacs multiply-adds of one forward pass per example: every linear layer, routers and
 *     head, applied to each of the example's tokens, plus attention (QKᵀ and AV: 2·T·d per token
 *     and layer for T keys; the causal mask's skipped half is counted, as TensorFlow computes it);
 *     element-wise work, norms and softmaxes are not counted
 * @param tokens tokens per example: 1 for an MLP, patches + 1 for a ViT, the context for a GPT
 * @param layers the linear layers, each once (a layer applied to T tokens is listed once)
 * @param headMacs the head's share of {@code forwardMacs}: its MACs times the tokens it sees (every
 *     token of a GPT, one for a ViT or an MLP); compute-better-spent's GPT-2 scaling laws use
 *     compute without it ("non-embedding")
 */
public record ModelInfo(
    long params, long forwardMacs, int tokens, List<LayerInfo> layers, long headMacs) {
  public ModelInfo {
    if (tokens < 1) {
      throw new IllegalArgumentException("tokens per example must be positive: " + tokens);
    }
    if (headMacs < 0 || headMacs > forwardMacs) {
      throw new IllegalArgumentException(
          "head MACs " + headMacs + " outside [0, " + forwardMacs + "]");
    }
    layers = List.copyOf(layers);
  }

  /** Forward multiply-adds per example without the head's. */
  public long nonHeadMacs() {
    return forwardMacs - headMacs;
  }

  /** Forward multiply-adds per token. */
  public double macsPerToken() {
    return (double) forwardMacs / tokens;
  }

  /** True if any layer is routed. */
  public boolean routed() {
    return layers.stream().anyMatch(LayerInfo::routed);
  }

  /**
   * Training FLOPs per example: 2 FLOPs per multiply-add, and the backward pass costs twice the
   * forward, so 6 × forward MACs.
   */
  public double trainingFlopsPerExample() {
    return 6.0 * forwardMacs;
  }
}
