package io.einstruct.train.model;

/**
 * The standard mixture-of-experts baseline: each block's FFN becomes {@code experts} whole FFNs
 * (two layers of structure {@code expert}, dense in the paper, at the model's expansion) of which a
 * router picks the top {@code top} per token. As in einsum-search, every expert is computed for
 * every token and the unchosen ones are weighted by zero; FLOPs count only the chosen ones.
 *
 * @param experts E, at least 2
 * @param top k, 1 ≤ k ≤ E
 * @param expert the structure of each expert's two layers
 */
public record Moe(int experts, int top, StructureChoice expert) {
  public Moe {
    if (experts < 2 || top < 1 || top > experts) {
      throw io.einstruct.dsl.EinError.of(
          "--experts",
          "a mixture of experts needs 2 <= experts and 1 <= top <= experts, got experts "
              + experts
              + ", top "
              + top);
    }
  }

  /** The share of tokens each expert sees on average, k / E. */
  public double activeFraction() {
    return (double) top / experts;
  }
}
