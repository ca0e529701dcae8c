package io.einstruct.search.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous successive halving: rungs at {@code minResource · η^k} epochs below the task's
 * length; at each, a trial goes on only if its loss ranks in the best ⌊n/η⌋ (at least one) of the n
 * trials of its group that have reached the rung, and always while n < η.
 *
 * @param eta the reduction factor
 * @param minResource the first rung, in epochs
 * @param maxResource the task's length, in epochs
 */
public record Pruning(int eta, double minResource, double maxResource) {
  /** The rungs, in epochs. */
  public List<Double> rungs() {
    List<Double> rungs = new ArrayList<>();
    for (double r = minResource; r < maxResource - 1e-9; r *= eta) {
      rungs.add(r);
    }
    return rungs;
  }

  /** True if a trial with {@code loss} goes on, given every loss at the rung (its own included). */
  public boolean promotes(double loss, List<Double> losses) {
    int n = losses.size();
    if (n < eta) {
      return true;
    }
    long better = losses.stream().filter(l -> l < loss).count();
    return better < Math.max(1, n / eta);
  }
}
