package io.einstruct.dsl.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cheapest pairwise order by dynamic programming over subsets of operands (as opt_einsum's
 * "optimal"): the cost of a subset is the cheapest split into two sub-subsets plus the
 * multiply-adds of contracting their results. Costs are compared in doubles so that no intermediate
 * product overflows; the caller recounts the chosen plan exactly.
 */
final class Optimal {
  private Optimal() {}

  static Tree search(List<Operand> operands, List<String> output, Map<String, Long> sizes) {
    int n = operands.size();
    int full = (1 << n) - 1;
    List<String> names = new ArrayList<>(sizes.keySet());
    double[] logSize = new double[names.size()];
    for (int i = 0; i < names.size(); i++) {
      logSize[i] = Math.log(sizes.get(names.get(i)));
    }
    long[] kept = new long[full + 1];
    for (int mask = 1; mask <= full; mask++) {
      kept[mask] = bits(Tree.kept(mask, operands, output), names);
    }
    double[] cost = new double[full + 1];
    Tree[] best = new Tree[full + 1];
    for (int i = 0; i < n; i++) {
      best[1 << i] = new Tree.Leaf(i);
    }
    for (int mask = 1; mask <= full; mask++) {
      if (Integer.bitCount(mask) < 2) {
        continue;
      }
      cost[mask] = Double.POSITIVE_INFINITY;
      int low = mask & -mask;
      // each split once: the left part holds the lowest operand
      for (int a = (mask - 1) & mask; a > 0; a = (a - 1) & mask) {
        if ((a & low) == 0) {
          continue;
        }
        int b = mask ^ a;
        double step = Math.exp(logSum(kept[a] | kept[b], logSize));
        double total = cost[a] + cost[b] + step;
        if (total < cost[mask] * (1 - 1e-12)) {
          cost[mask] = total;
          best[mask] = new Tree.Node(best[a], best[b]);
        }
      }
    }
    return best[full];
  }

  private static long bits(List<String> indices, List<String> names) {
    long bits = 0;
    for (String i : indices) {
      bits |= 1L << names.indexOf(i);
    }
    return bits;
  }

  private static double logSum(long bits, double[] logSize) {
    double sum = 0;
    for (int i = 0; i < logSize.length; i++) {
      if ((bits & (1L << i)) != 0) {
        sum += logSize[i];
      }
    }
    return sum;
  }
}
