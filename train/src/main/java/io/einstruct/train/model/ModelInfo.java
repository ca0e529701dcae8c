package io.einstruct.train.model;

import java.util.List;

/**
 * What a model is made of.
 *
 * @param params trainable parameters, norms and biases included
 * @param forwardMacs multiply-adds of one forward pass per example: every linear layer, routers and
 *     head, plus attention where there is any; element-wise work is not counted
 * @param layers the linear layers
 */
public record ModelInfo(long params, long forwardMacs, List<LayerInfo> layers) {
  public ModelInfo {
    layers = List.copyOf(layers);
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
