package io.einstruct.search.study;

/**
 * How configurations are chosen from the space.
 *
 * @param kind {@code grid} (every combination), {@code random} ({@code samples} of them) or {@code
 *     theta-random} ({@code samples} θ points from each {@code theta_range})
 * @param samples how many to draw
 * @param seed seeds the draw
 */
public record SamplerSpec(String kind, Integer samples, Long seed) {}
