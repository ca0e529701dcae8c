package io.einstruct.train.model;

/**
 * What one training step reports.
 *
 * @param loss the data loss of the batch (mean over examples, or tokens)
 * @param auxLoss the mean load-balancing loss of the routed layers (0 if none)
 * @param gradientNorm the global gradient norm before clipping
 * @param error the batch's error rate before the step (NaN for regression)
 * @param router the routers' perplexities (NaN without routing)
 */
public record StepResult(
    float loss, float auxLoss, float gradientNorm, float error, RouterStats router) {}
