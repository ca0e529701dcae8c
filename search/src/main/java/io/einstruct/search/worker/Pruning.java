package io.einstruct.search.worker;

import io.einstruct.search.study.PruneResource;
import io.einstruct.train.run.EvalPoint;

/**
 * Asynchronous successive halving: rungs at {@code minResource · η^k} (epochs below the task's
 * length, or training FLOPs without end); at each, a trial goes on only if its loss ranks in the
 * best ⌊n/η⌋ (at least one) of the n trials it is compared with that have reached the rung, and
 * always while n &lt; η. In epochs those are its group's trials; in FLOPs every trial of its width,
 * each at its first evaluation past the rung. Trials of the {@code keep} structures are compared
 * but never stopped.
 *
 * @param eta the reduction factor
 * @param minResource the first rung
 * @param maxResource the task's length in epochs (no rung at or beyond it); infinite for FLOPs
 * @param resource what rungs count
 * @param keep labels of structures never stopped
 */
public record Pruning(
    int eta,
    double minResource,
    double maxResource,
    PruneResource resource,
    java.util.Set<String> keep) {
  /** Whether trials of {@code label} may be stopped. */
  public boolean prunes(String label) {
    return !keep.contains(label);
  }

  /** Rung {@code k}, or NaN when there is none (at or past the task's length). */
  public double rung(int k) {
    double r = minResource * Math.pow(eta, k);
    return r < maxResource - 1e-9 ? r : Double.NaN;
  }

  /** Whether {@code p} has reached {@code rung}. */
  public boolean reached(EvalPoint p, double rung) {
    double at = resource == PruneResource.FLOPS ? p.flops() : p.epoch();
    return !Double.isNaN(rung) && at >= rung * (1 - 1e-9);
  }

  /** True if a trial with {@code loss} goes on, given every loss at the rung (its own included). */
  public boolean promotes(double loss, java.util.List<Double> losses) {
    int n = losses.size();
    if (n < eta) {
      return true;
    }
    long better = losses.stream().filter(l -> l < loss).count();
    return better < Math.max(1, n / eta);
  }
}
