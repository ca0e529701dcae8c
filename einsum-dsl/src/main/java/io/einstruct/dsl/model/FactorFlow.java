package io.einstruct.dsl.model;

import java.util.List;

/**
 * How the indices flow through one factor G of the chain, where {@code in} is the tensor entering
 * it (x for the first factor) and {@code out} the one leaving it: {@code contracted = (G ∩ in) \
 * out}, {@code produced = (G ∩ out) \ in}, {@code batch = G ∩ in ∩ out} and {@code shared = (in ∩
 * out) \ G}, the axes G's parameters are reused across.
 *
 * @param factor the factor
 * @param position its 0-based position in the chain (0 meets x first)
 * @param in indices of the entering tensor
 * @param out indices of the leaving tensor
 * @param contracted indices summed by this factor
 * @param produced indices this factor creates
 * @param batch indices the factor carries through as independent blocks
 * @param shared indices the factor's parameters are shared across
 */
public record FactorFlow(
    Factor factor,
    int position,
    List<String> in,
    List<String> out,
    List<String> contracted,
    List<String> produced,
    List<String> batch,
    List<String> shared) {
  public FactorFlow {
    in = List.copyOf(in);
    out = List.copyOf(out);
    contracted = List.copyOf(contracted);
    produced = List.copyOf(produced);
    batch = List.copyOf(batch);
    shared = List.copyOf(shared);
  }
}
