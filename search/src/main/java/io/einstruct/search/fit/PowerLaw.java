package io.einstruct.search.fit;

/**
 * A fitted power law {@code L = L0 + e^b · C^−α}.
 *
 * @param alpha the exponent α: the loss falls as C^−α
 * @param alphaStdErr the least-squares standard error of α
 * @param alphaLow the 2.5th percentile of α over bootstrap resamples of the frontier
 * @param alphaHigh the 97.5th percentile
 * @param intercept b
 * @param offset L0, subtracted before the fit
 * @param points frontier points fitted
 * @param rSquared the fit's R² in log-log space
 */
public record PowerLaw(
    double alpha,
    double alphaStdErr,
    double alphaLow,
    double alphaHigh,
    double intercept,
    double offset,
    int points,
    double rSquared) {
  /** The loss the law predicts at {@code flops}. */
  public double at(double flops) {
    return offset + Math.exp(intercept) * Math.pow(flops, -alpha);
  }

  /** The FLOPs at which the law reaches {@code value}, or NaN if it never does. */
  public double flopsFor(double value) {
    if (value <= offset || alpha <= 0) {
      return Double.NaN;
    }
    return Math.exp((Math.log(value - offset) - intercept) / -alpha);
  }
}
