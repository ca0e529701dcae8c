package io.einstruct.train.model;

/**
 * What one training step reports.
 *
 * @param loss the data loss of the batch (mean over examples)
 * @param auxLoss the mean load-balancing loss of the routed layers (0 if none)
 * @param gradientNorm the global gradient norm before clipping
 * @param outputs the model's outputs on the batch, [size, outputs]
 */
public record StepResult(float loss, float auxLoss, float gradientNorm, float[] outputs) {}
