package io.einstruct.search.study;

/**
 * Successive halving (asynchronous): at rungs of {@code minResource · η^k} epochs a trial goes on
 * only if its loss is in the best 1/η of the trials of its group (same structure and width,
 * differing in learning rate or seed) that reached the rung.
 *
 * @param kind {@code successive-halving}
 * @param eta the reduction factor η ≥ 2
 * @param minResource the first rung, in epochs
 */
public record PrunerSpec(String kind, Integer eta, Double minResource) {}
