package io.einstruct.search.store;

import io.einstruct.train.run.EvalPoint;

/**
 * One evaluation of one trial.
 *
 * @param trial the trial's number
 * @param label the structure's label
 * @param width model width
 * @param lr base learning rate
 * @param seed seed
 * @param point the evaluation
 * @param headShare the head's share of the trial's forward MACs (NaN when the store does not know
 *     it: trials added before it was recorded)
 */
public record MetricRow(
    int trial, String label, int width, double lr, long seed, EvalPoint point, double headShare) {
  /** A row whose head share is unknown. */
  public MetricRow(int trial, String label, int width, double lr, long seed, EvalPoint point) {
    this(trial, label, width, lr, seed, point, Double.NaN);
  }
}
