package io.einstruct.dsl.mup;

import io.einstruct.dsl.model.FactorFlow;
import io.einstruct.dsl.model.Structure;
import java.util.ArrayList;
import java.util.List;

/**
 * Structure-aware μP for every factor of a structure.
 *
 * <p>A structured layer is a chain of batched dense matrices G_1..G_k (compute-better-spent §3.2).
 * Factor i has fan_in = Π sizes of the indices it contracts and fan_out = Π sizes of those it
 * produces. Its initial scale is {@code sqrt(min(fan_in, fan_out)) / fan_in}, giving each slice the
 * spectral norm sqrt(fan_out / fan_in). Its Adam learning rate relative to a dense layer of the
 * same d_in is κ_i = (d_in / fan_in) / k, the 1/k being the paper's heuristic that keeps the k
 * first-order terms of the output update at a dense layer's size; for SGD κ_i = ((fan_out / fan_in)
 * / (d_out / d_in)) / k.
 *
 * <p>A routed index counts as size 1 in the fans ("pretend rank 1", einsum-search §4): each input
 * sees only one slice of it at a time.
 */
public final class MuP {
  private MuP() {}

  /**
   * The prescription for each factor in chain order.
   *
   * @param s the structure
   * @param optimizer the optimiser family
   * @param residualOutput true if the layer ends a residual branch, which zero-initialises its last
   *     factor
   */
  public static List<FactorMuP> of(Structure s, Optimizer optimizer, boolean residualOutput) {
    List<FactorFlow> flows = s.flows();
    int k = flows.size();
    List<FactorMuP> out = new ArrayList<>();
    for (FactorFlow flow : flows) {
      long fanIn = fan(s, flow.contracted());
      long fanOut = fan(s, flow.produced());
      double std = initStd(fanIn, fanOut);
      double kappa =
          switch (optimizer) {
            case ADAM -> ((double) s.dIn() / fanIn) / k;
            case SGD -> (((double) fanOut / fanIn) / ((double) s.dOut() / s.dIn())) / k;
          };
      boolean zero = residualOutput && flow.position() == k - 1;
      out.add(new FactorMuP(flow.factor().name(), fanIn, fanOut, std, kappa, zero));
    }
    return out;
  }

  /** {@code sqrt(min(fan_in, fan_out)) / fan_in}. */
  public static double initStd(long fanIn, long fanOut) {
    return Math.sqrt(Math.min(fanIn, fanOut)) / fanIn;
  }

  private static long fan(Structure s, List<String> indices) {
    long n = 1;
    for (String i : indices) {
      n *= s.route(i).isPresent() ? 1 : s.size(i);
    }
    return n;
  }
}
