package io.einstruct.train.run;

/**
 * Where a run stands, saved in every checkpoint so that a resumed run continues exactly.
 *
 * @param step optimiser steps taken
 * @param samples training examples seen
 * @param wallSeconds training time so far
 * @param flops training FLOPs so far
 * @param lossSum sum of step losses since the last evaluation
 * @param errorSum sum of step error rates since the last evaluation
 * @param auxSum sum of load-balancing losses since the last evaluation
 * @param steps steps summed since the last evaluation
 * @param perplexitySum sum of per-token router perplexities since the last evaluation
 * @param spreadSum sum of aggregate router perplexities since the last evaluation
 */
public record RunState(
    long step,
    long samples,
    double wallSeconds,
    double flops,
    double lossSum,
    double errorSum,
    double auxSum,
    long steps,
    double perplexitySum,
    double spreadSum) {
  /** A run that has not started. */
  public static RunState start() {
    return new RunState(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The state after {@code evaluation}: the sums since the last evaluation restart. */
  public RunState evaluated() {
    return new RunState(step, samples, wallSeconds, flops, 0, 0, 0, 0, 0, 0);
  }
}
