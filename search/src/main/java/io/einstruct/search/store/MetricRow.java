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
 */
public record MetricRow(
    int trial, String label, int width, double lr, long seed, EvalPoint point) {}
