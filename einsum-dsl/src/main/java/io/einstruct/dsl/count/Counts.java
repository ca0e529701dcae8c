package io.einstruct.dsl.count;

import io.einstruct.dsl.model.Route;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.plan.PlanStep;
import io.einstruct.dsl.plan.Planner;

/**
 * How big and how costly a structure is, per input vector. One MAC is one multiply-add (two FLOPs).
 *
 * <p>For a routed index with E experts and top k, the steps that touch it are counted at k/E of
 * their dense cost (only the chosen slices matter), plus {@code d_in · E} for the router, as in
 * einsum-search's BTT-MoE accounting.
 *
 * @param params learnable parameters: the factors plus any router
 * @param macs multiply-adds per input vector as executed by a sparse implementation (with routing),
 *     router included
 * @param denseMacs multiply-adds per input vector of the chain order with every expert computed,
 *     router excluded
 * @param routerParams parameters of the routers ({@code d_in · E} each)
 * @param routerMacs multiply-adds of the routers per input vector
 */
public record Counts(long params, long macs, long denseMacs, long routerParams, long routerMacs) {

  /** The counts of {@code s}, along its chain order. */
  public static Counts of(Structure s) {
    double macs = 0;
    long dense = 0;
    for (PlanStep step : Planner.chain(s, 1).steps()) {
      dense = Math.addExact(dense, step.macs());
      double scale = 1;
      for (Route route : s.routes()) {
        if (step.left().indices().contains(route.index())
            || step.right().indices().contains(route.index())) {
          scale *= route.activeFraction();
        }
      }
      macs += step.macs() * scale;
    }
    long routerParams = 0;
    for (Route route : s.routes()) {
      routerParams =
          Math.addExact(routerParams, Math.multiplyExact((long) s.dIn(), route.experts()));
    }
    long params = Math.addExact(s.factorParams(), routerParams);
    return new Counts(params, Math.round(macs) + routerParams, dense, routerParams, routerParams);
  }

  /** Multiply-adds of the factors alone (router excluded), with routing savings. */
  public long factorMacs() {
    return macs - routerMacs;
  }
}
