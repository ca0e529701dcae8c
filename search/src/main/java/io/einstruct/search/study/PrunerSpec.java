package io.einstruct.search.study;

/**
 * Successive halving (asynchronous): at rungs of {@code minResource · η^k} a trial goes on only if
 * its loss is in the best 1/η of the trials it is compared with that reached the rung.
 *
 * @param kind {@code successive-halving}
 * @param eta the reduction factor η ≥ 2
 * @param minResource the first rung, in the resource's unit
 * @param resource {@code epochs} (default): rungs in epochs, each trial compared with its group
 *     (same structure and width, differing in learning rate or seed); {@code flops}: rungs in
 *     training FLOPs, each trial compared at equal compute with every trial of its width, whatever
 *     the structure — a search for the structure that uses compute best
 * @param keep structures (by label) never stopped, though compared: the reference a compute
 *     multiplier needs (dense) and any bar to clear
 */
public record PrunerSpec(
    String kind, Integer eta, Double minResource, String resource, java.util.List<String> keep) {}
