package io.einstruct.train.model;

/**
 * How the routers of a model spread their inputs, averaged over routed layers; NaN without routing.
 * With E experts both lie in [1, E].
 *
 * @param perToken mean over inputs of exp(entropy of the router's distribution): low when each
 *     input is routed with confidence
 * @param aggregate exp(entropy of the mean distribution): E when inputs are spread evenly over the
 *     experts, 1 when every input goes to the same one
 */
public record RouterStats(float perToken, float aggregate) {}
