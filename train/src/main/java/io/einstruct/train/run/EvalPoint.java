package io.einstruct.train.run;

/**
 * One evaluation: a line of {@code metrics.jsonl}.
 *
 * @param step optimiser steps taken
 * @param epoch epochs taken (fractional)
 * @param samples training examples seen
 * @param trainLoss mean training loss over the steps since the previous evaluation
 * @param trainError mean training error over those steps (null for regression)
 * @param testLoss mean loss on the held-out set
 * @param testError error rate on the held-out set (null for regression)
 * @param flops cumulative training FLOPs: 6 × forward MACs per example × samples
 * @param wallSeconds training time so far, evaluations excluded
 * @param lr the base rate times the schedule at this step
 * @param auxLoss mean load-balancing loss since the previous evaluation (null without routing)
 * @param routerPerplexity mean per-token router perplexity since the previous evaluation, averaged
 *     over routed layers (null without routing); see {@link io.einstruct.train.model.RouterStats}
 * @param routerSpread mean perplexity of the routers' batch-mean distribution over the same steps
 *     (null without routing)
 */
public record EvalPoint(
    long step,
    double epoch,
    long samples,
    double trainLoss,
    Double trainError,
    double testLoss,
    Double testError,
    double flops,
    double wallSeconds,
    double lr,
    Double auxLoss,
    Double routerPerplexity,
    Double routerSpread) {}
