/**
 * Scaling laws (einsum-search §5): per structure, the lower convex frontier of (training FLOPs,
 * loss) in log-log space plus the points within 5% of it, a least-squares power law {@code L − L0 =
 * e^b · C^−α} with the standard error and a bootstrap interval of α, and the compute multiplier
 * against dense along the frontier.
 */
package io.einstruct.search.fit;
