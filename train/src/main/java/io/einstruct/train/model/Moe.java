package io.einstruct.train.model;

/**
 * The standard mixture-of-experts baseline: each block's FFN becomes {@code experts} whole FFNs
 * (two layers of structure {@code expert}, dense in the paper, at the model's expansion) of which a
 * router picks the top {@code top} per token. Each expert runs on the tokens routed to it only
 * (gathered, then summed back weighted by their gates), so executed FLOPs are the counted ones;
 * nothing is dropped, since every expert takes however many tokens chose it.
 *
 * @param experts E, at least 2
 * @param top k, 1 ≤ k ≤ E
 * @param expert the structure of each expert's two layers
 * @param dispatch false to compute every expert for every token and weight the unchosen by zero, as
 *     einsum-search does (the same outputs, E/k times the work; kept to check dispatch against)
 */
public record Moe(int experts, int top, StructureChoice expert, boolean dispatch) {
  public Moe {
    if (experts < 2 || top < 1 || top > experts) {
      throw io.einstruct.dsl.EinError.setting(
          "experts",
          "a mixture of experts needs 2 <= experts and 1 <= top <= experts, got experts "
              + experts
              + ", top "
              + top);
    }
  }

  /** A mixture that dispatches tokens. */
  public Moe(int experts, int top, StructureChoice expert) {
    this(experts, top, expert, true);
  }

  /** The share of tokens each expert sees on average, k / E. */
  public double activeFraction() {
    return (double) top / experts;
  }
}
