package io.einstruct.search.study;

/**
 * Limits on a study, applied in trial order.
 *
 * @param maxTrials at most this many trials
 * @param maxFlops at most this many estimated training FLOPs in all
 */
public record BudgetSpec(Integer maxTrials, Double maxFlops) {}
