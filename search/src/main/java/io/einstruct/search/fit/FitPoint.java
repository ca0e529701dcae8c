package io.einstruct.search.fit;

/**
 * One observation: training FLOPs spent and the loss (or error) reached.
 *
 * @param flops training FLOPs
 * @param value the metric at that point
 */
public record FitPoint(double flops, double value) {}
