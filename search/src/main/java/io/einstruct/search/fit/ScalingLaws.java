package io.einstruct.search.fit;

import io.einstruct.search.store.MetricRow;
import io.einstruct.train.run.EvalPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Fits a scaling law per structure of a study, and each structure's compute multiplier against the
 * dense structure (the label {@code dense}, if the study has it).
 */
public final class ScalingLaws {
  /** The label whose frontier the multipliers compare against. */
  public static final String DENSE = "dense";

  private ScalingLaws() {}

  /** The metric a fit is made on. */
  public enum Metric {
    TRAIN_LOSS("train_loss", EvalPoint::trainLoss),
    TEST_LOSS("test_loss", EvalPoint::testLoss),
    TEST_ERROR("test_error", p -> p.testError() == null ? Double.NaN : p.testError());

    private final String key;
    private final ToDoubleFunction<EvalPoint> value;

    Metric(String key, ToDoubleFunction<EvalPoint> value) {
      this.key = key;
      this.value = value;
    }

    /** Its name in files and options. */
    public String key() {
      return key;
    }

    /** The metric's value at a point. */
    public double of(EvalPoint p) {
      return value.applyAsDouble(p);
    }

    /** The metric called {@code key}. */
    public static Metric parse(String key) {
      for (Metric m : values()) {
        if (m.key.equalsIgnoreCase(key.strip())) {
          return m;
        }
      }
      throw new IllegalArgumentException(key);
    }
  }

  /** One fit per structure label against total training FLOPs. */
  public static List<StructureFit> fit(
      List<MetricRow> rows, Metric metric, double offset, long seed) {
    return fit(rows, metric, ComputeAxis.TOTAL, offset, seed);
  }

  /**
   * Each structure fitted against compute on {@code axis} and against training seconds, paired by
   * label in the order labels first appear.
   */
  public static List<DualFit> fitBoth(
      List<MetricRow> rows, Metric metric, ComputeAxis axis, double offset, long seed) {
    List<StructureFit> compute = fit(rows, metric, axis, offset, seed);
    Map<String, StructureFit> seconds = new LinkedHashMap<>();
    for (StructureFit f : fit(rows, metric, ComputeAxis.SECONDS, offset, seed)) {
      seconds.put(f.label(), f);
    }
    List<DualFit> out = new ArrayList<>();
    for (StructureFit f : compute) {
      out.add(new DualFit(f, seconds.get(f.label())));
    }
    return out;
  }

  /**
   * One fit per structure label, in the order labels first appear, with compute counted on {@code
   * axis}; rows without a value on the axis (a head share the store does not know) are left out.
   */
  public static List<StructureFit> fit(
      List<MetricRow> rows, Metric metric, ComputeAxis axis, double offset, long seed) {
    Map<String, List<FitPoint>> byLabel = new LinkedHashMap<>();
    for (MetricRow row : rows) {
      double v = metric.of(row.point());
      double compute = axis.of(row);
      if (Double.isFinite(v) && Double.isFinite(compute)) {
        byLabel.computeIfAbsent(row.label(), k -> new ArrayList<>()).add(new FitPoint(compute, v));
      }
    }
    Map<String, StructureFit> fits = new LinkedHashMap<>();
    for (Map.Entry<String, List<FitPoint>> e : byLabel.entrySet()) {
      fits.put(e.getKey(), single(e.getKey(), e.getValue(), offset, seed));
    }
    StructureFit dense = fits.get(DENSE);
    List<StructureFit> out = new ArrayList<>();
    for (StructureFit f : fits.values()) {
      out.add(dense == null || dense.law() == null ? f : compare(f, dense));
    }
    return out;
  }

  private static StructureFit single(
      String label, List<FitPoint> points, double offset, long seed) {
    List<FitPoint> frontier = Frontier.of(points, offset, Frontier.TOLERANCE);
    PowerLaw law =
        frontier.size() >= 3 && distinctFlops(frontier) >= 2
            ? PowerLawFit.fit(frontier, offset, seed)
            : null;
    double best = points.stream().mapToDouble(FitPoint::value).min().orElse(Double.NaN);
    return new StructureFit(label, points.size(), frontier, law, best, null, null, null);
  }

  /** C_dense(L) / C(L) at each frontier point whose loss lies within dense's frontier. */
  private static StructureFit compare(StructureFit f, StructureFit dense) {
    double lo = dense.frontier().stream().mapToDouble(FitPoint::value).min().orElse(0);
    double hi = dense.frontier().stream().mapToDouble(FitPoint::value).max().orElse(0);
    List<Double> ratios = new ArrayList<>();
    Double atBest = null;
    double bestValue = Double.POSITIVE_INFINITY;
    for (FitPoint p : f.frontier()) {
      if (p.value() < lo || p.value() > hi) {
        continue;
      }
      double ratio = dense.law().flopsFor(p.value()) / p.flops();
      if (Double.isFinite(ratio)) {
        ratios.add(ratio);
        if (p.value() < bestValue) {
          bestValue = p.value();
          atBest = ratio;
        }
      }
    }
    if (ratios.isEmpty()) {
      return f;
    }
    // a geometric mean: with α ~ 0.2 a small scatter in loss is a large one in compute, and the
    // arithmetic mean of such ratios is biased upwards
    double[] logs = ratios.stream().mapToDouble(Math::log).toArray();
    double mean = java.util.Arrays.stream(logs).average().orElseThrow();
    double var =
        java.util.Arrays.stream(logs).map(l -> (l - mean) * (l - mean)).sum()
            / Math.max(1, logs.length - 1);
    return new StructureFit(
        f.label(),
        f.points(),
        f.frontier(),
        f.law(),
        f.best(),
        Math.exp(mean),
        Math.exp(Math.sqrt(var)),
        atBest);
  }

  private static long distinctFlops(List<FitPoint> points) {
    return points.stream().mapToDouble(FitPoint::flops).distinct().count();
  }
}
