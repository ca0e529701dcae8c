package io.einstruct.search.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The compute-efficient frontier of a cloud of (FLOPs, loss) points: the lower convex hull in
 * log-log space where it still descends, plus every point within a relative tolerance of it.
 */
public final class Frontier {
  /** The relative band around the hull whose points join the frontier (5%). */
  public static final double TOLERANCE = 0.05;

  private Frontier() {}

  /**
   * The frontier of {@code points} above the offset {@code l0} (points with value ≤ l0 or flops ≤ 0
   * are dropped), sorted by FLOPs.
   */
  public static List<FitPoint> of(List<FitPoint> points, double l0, double tolerance) {
    List<double[]> xy = new ArrayList<>();
    for (FitPoint p : points) {
      if (p.flops() > 0 && p.value() - l0 > 0 && Double.isFinite(p.value())) {
        xy.add(new double[] {Math.log(p.flops()), Math.log(p.value() - l0), p.flops(), p.value()});
      }
    }
    if (xy.isEmpty()) {
      return List.of();
    }
    xy.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
    List<double[]> hull = descending(lowerHull(xy));
    List<FitPoint> frontier = new ArrayList<>();
    double first = hull.get(0)[0];
    double last = hull.get(hull.size() - 1)[0];
    for (double[] p : xy) {
      if (p[0] < first - 1e-12 || p[0] > last + 1e-12) {
        continue;
      }
      double hullY = interpolate(hull, p[0]);
      if (p[1] <= hullY + Math.log1p(tolerance) + 1e-12) {
        frontier.add(new FitPoint(p[2], p[3]));
      }
    }
    return frontier;
  }

  /** Andrew's monotone chain, lower half, over points sorted by x. */
  static List<double[]> lowerHull(List<double[]> sorted) {
    List<double[]> hull = new ArrayList<>();
    for (double[] p : sorted) {
      while (hull.size() >= 2
          && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p) <= 0) {
        hull.remove(hull.size() - 1);
      }
      if (!hull.isEmpty() && Math.abs(hull.get(hull.size() - 1)[0] - p[0]) < 1e-15) {
        continue; // same x, higher y: not on the lower hull
      }
      hull.add(p);
    }
    return hull;
  }

  /** The hull up to its lowest point: beyond it, more compute no longer lowers the loss. */
  private static List<double[]> descending(List<double[]> hull) {
    int lowest = 0;
    for (int i = 1; i < hull.size(); i++) {
      if (hull.get(i)[1] < hull.get(lowest)[1]) {
        lowest = i;
      }
    }
    return hull.subList(0, lowest + 1);
  }

  private static double interpolate(List<double[]> hull, double x) {
    if (hull.size() == 1) {
      return hull.get(0)[1];
    }
    for (int i = 1; i < hull.size(); i++) {
      double[] a = hull.get(i - 1);
      double[] b = hull.get(i);
      if (x <= b[0] + 1e-12) {
        double t = (x - a[0]) / (b[0] - a[0]);
        return a[1] + t * (b[1] - a[1]);
      }
    }
    return hull.get(hull.size() - 1)[1];
  }

  private static double cross(double[] o, double[] a, double[] b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }
}
