package io.einstruct.dsl.project;

/**
 * Settings of a projection.
 *
 * @param method closed form, alternating least squares or whichever applies
 * @param maxSweeps the most alternating sweeps over all factors
 * @param tolerance stop when a sweep improves the relative error by less than this fraction
 * @param seed the seed of the random start of alternating least squares
 */
public record ProjectionOptions(
    ProjectionMethod method, int maxSweeps, double tolerance, long seed) {
  /** The default: the closed form where there is one, else up to 200 sweeps. */
  public static final ProjectionOptions DEFAULT =
      new ProjectionOptions(ProjectionMethod.AUTO, 200, 1e-6, 0);

  public ProjectionOptions {
    java.util.Objects.requireNonNull(method, "method");
    if (maxSweeps < 1) {
      throw new IllegalArgumentException("maxSweeps must be >= 1, got " + maxSweeps);
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }
  }

  /** These options with another method. */
  public ProjectionOptions withMethod(ProjectionMethod m) {
    return new ProjectionOptions(m, maxSweeps, tolerance, seed);
  }
}
