package io.einstruct.search.fit;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Least squares in log-log space, {@code log(L − L0) = −α · log C + b} (commons-math's simple
 * regression), with a bootstrap interval of α from resampling the points with replacement.
 */
public final class PowerLawFit {
  /** Bootstrap resamples. */
  public static final int BOOTSTRAP = 1000;

  private PowerLawFit() {}

  /** The fit of {@code points} (at least 3, with distinct FLOPs) above {@code offset}. */
  public static PowerLaw fit(List<FitPoint> points, double offset, long seed) {
    if (points.size() < 3) {
      throw new IllegalArgumentException(
          "a power law needs at least 3 points, got " + points.size());
    }
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.log(points.get(i).flops());
      y[i] = Math.log(points.get(i).value() - offset);
    }
    SimpleRegression r = regression(x, y, null);
    double[] alphas = new double[BOOTSTRAP];
    SplittableRandom random = new SplittableRandom(seed);
    int[] pick = new int[x.length];
    for (int b = 0; b < BOOTSTRAP; b++) {
      for (int i = 0; i < pick.length; i++) {
        pick[i] = random.nextInt(x.length);
      }
      double slope = regression(x, y, pick).getSlope();
      alphas[b] = Double.isNaN(slope) ? -r.getSlope() : -slope;
    }
    Arrays.sort(alphas);
    return new PowerLaw(
        -r.getSlope(),
        r.getSlopeStdErr(),
        alphas[(int) (0.025 * BOOTSTRAP)],
        alphas[(int) (0.975 * BOOTSTRAP) - 1],
        r.getIntercept(),
        offset,
        x.length,
        r.getRSquare());
  }

  private static SimpleRegression regression(double[] x, double[] y, int[] pick) {
    SimpleRegression r = new SimpleRegression();
    for (int i = 0; i < x.length; i++) {
      int j = pick == null ? i : pick[i];
      r.addData(x[j], y[j]);
    }
    return r;
  }
}
