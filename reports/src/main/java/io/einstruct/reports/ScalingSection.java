package io.einstruct.reports;

import io.einstruct.search.fit.ComputeAxis;
import io.einstruct.search.fit.DualFit;
import io.einstruct.search.fit.FitPoint;
import io.einstruct.search.fit.Frontier;
import io.einstruct.search.fit.ScalingLaws;
import io.einstruct.search.fit.StructureFit;
import io.einstruct.search.store.MetricRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Loss and error against compute, the fitted laws, and the multipliers against dense. */
final class ScalingSection {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;

  private ScalingSection() {}

  static Section build(
      List<String> labels, List<MetricRow> metrics, List<DualFit> dual, ComputeAxis axis) {
    String c = axis.label();
    List<StructureFit> fits = dual.stream().map(DualFit::compute).toList();
    List<StructureFit> timed =
        dual.stream().map(DualFit::seconds).filter(java.util.Objects::nonNull).toList();
    List<Figure> figures = new ArrayList<>();
    figures.add(
        new Figure(
            "loss-vs-flops",
            "Training loss against " + c,
            "Each trial's learning curve (faint, in its structure's colour, thicker for wider"
                + " models), each structure's frontier (the lower convex hull"
                + " in log-log space and the points within 5% of it, solid), and the power law "
                + "L = e^b · C^−α fitted to the frontier by least squares in log-log space (dashed); "
                + "the legend gives α ± its standard error. Training FLOPs = 6 × forward "
                + "multiply-adds × examples seen"
                + (axis == ComputeAxis.TOTAL ? "" : ", the head's left out")
                + ". Both axes logarithmic.",
            lossChart(labels, metrics, fits, axis)));
    if (!timed.isEmpty()) {
      figures.add(
          new Figure(
              "loss-vs-seconds",
              "Training loss against training seconds",
              "The same evaluations against the wall-clock seconds each trial had trained for "
                  + "(evaluations excluded), frontiers and laws fitted the same way: what a FLOP "
                  + "ranking promises, checked against what a run on this machine takes. Seconds "
                  + "compare only trials that ran alike (machine, threads, trials sharing it).",
              lossChart(labels, metrics, timed, ComputeAxis.SECONDS)));
    }
    // a regression task (the teacher) has no error rate: no empty chart then
    boolean errors =
        metrics.stream().anyMatch(m -> m.point().testError() != null && m.point().testError() > 0);
    if (errors) {
      figures.add(
          new Figure(
              "error-vs-flops",
              "Test error against " + c,
              "Test error rate on the held-out set at every evaluation (faint) and each structure's "
                  + "frontier (solid, lower convex hull in log-log space plus points within 5%). No "
                  + "law is fitted: test error carries the train-test gap. Both axes logarithmic.",
              errorChart(labels, metrics, axis)));
    }
    List<String> names = new ArrayList<>();
    List<Double> multipliers = new ArrayList<>();
    List<Double> spreads = new ArrayList<>();
    for (StructureFit f : fits) {
      if (f.multiplier() != null) {
        names.add(f.label());
        multipliers.add(log10(f.multiplier()));
        spreads.add(log10(f.multiplierStd()));
      }
    }
    if (!names.isEmpty() && !timed.isEmpty()) {
      figures.add(
          new Figure(
              "multipliers-flops-seconds",
              "Multiplier against dense: FLOPs and seconds",
              "For each structure, log₁₀ of its geometric-mean multiplier against dense along the "
                  + "frontier, counted in "
                  + c
                  + " and in training seconds; whiskers are ×/÷ one geometric standard deviation. "
                  + "Above 0 the structure beats dense; a bar above 0 in FLOPs and below it in "
                  + "seconds saves compute that this machine does not turn into time.",
              multiplierChart(dual, c)));
    }
    if (!names.isEmpty()) {
      figures.add(
          new Figure(
              "compute-multiplier",
              "Compute multiplier against dense",
              "For each frontier point of a structure whose training loss L the dense frontier also "
                  + "reaches, C_dense(L) / C(L): how many times more "
                  + c
                  + " dense needs for "
                  + "the same loss, from dense's fitted law; bars are log₁₀ of the geometric mean over"
                  + " those points, whiskers ×/÷ one geometric standard deviation, and the line at 0"
                  + " marks 1× (as efficient as dense).",
              BarsChart.grouped(
                  "compute-multiplier",
                  "Compute multiplier against dense",
                  "log₁₀ C_dense(L) / C(L)",
                  names,
                  List.of(c),
                  List.of(multipliers),
                  List.of(spreads),
                  0,
                  WIDTH,
                  420)));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (StructureFit f : fits) {
      var law = f.law();
      rows.add(
          java.util.Arrays.asList(
              f.label(),
              f.points(),
              f.frontier().size(),
              f.best(),
              law == null ? null : law.alpha(),
              law == null ? null : law.alphaStdErr(),
              law == null ? null : law.alphaLow(),
              law == null ? null : law.alphaHigh(),
              law == null ? null : law.rSquared(),
              f.multiplier(),
              f.multiplierStd(),
              seconds(dual, f.label()) == null || seconds(dual, f.label()).law() == null
                  ? null
                  : seconds(dual, f.label()).law().alpha(),
              seconds(dual, f.label()) == null ? null : seconds(dual, f.label()).multiplier(),
              seconds(dual, f.label()) == null ? null : seconds(dual, f.label()).multiplierStd()));
    }
    Table table =
        new Table(
            "scaling-laws",
            "Scaling laws",
            "Per structure: evaluations pooled "
                + "over its trials, the frontier points fitted, the lowest training loss, the exponent α "
                + "of L = e^b · C^−α with its least-squares standard error and a 95% bootstrap interval "
                + "(1000 resamples of the frontier), R² of the fit in log-log space, and the mean ± s.d. "
                + "compute multiplier against dense along the frontier; then α and the multiplier "
                + "fitted against training seconds instead.",
            List.of(
                "structure",
                "evaluations",
                "frontier",
                "best train loss",
                "α",
                "α s.e.",
                "α 2.5%",
                "α 97.5%",
                "R²",
                "× dense",
                "× dense s.d.",
                "α (s)",
                "× dense (s)",
                "× dense (s) s.d."),
            rows);
    return new Section(
        "scaling",
        "Scaling laws",
        List.of(
            "A better structure reaches a lower "
                + "loss for the same training compute; a larger α means it improves faster as compute "
                + "grows."),
        figures,
        List.of(table));
  }

  private static String lossChart(
      List<String> labels, List<MetricRow> metrics, List<StructureFit> fits, ComputeAxis axis) {
    CurvesChart chart =
        new CurvesChart(
            "Training loss vs " + axis.label(), axis.label(), "training loss", true, true);
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      trails(chart, i, metrics, label, axis);
      StructureFit fit =
          fits.stream().filter(f -> f.label().equals(label)).findFirst().orElse(null);
      if (fit == null) {
        continue;
      }
      double[][] frontier = StudyReport.arrays(fit.frontier());
      String name =
          fit.law() == null
              ? label
              : String.format(
                  Locale.ROOT,
                  "%s: α = %.3f ± %.3f",
                  label,
                  fit.law().alpha(),
                  fit.law().alphaStdErr());
      chart.points(name, i, frontier[0], frontier[1]);
      if (fit.law() != null) {
        double[][] line = StudyReport.line(fit.law(), fit.frontier());
        chart.line(null, i, line[0], line[1], true);
      }
    }
    return chart.svg("loss-vs-flops", WIDTH, HEIGHT);
  }

  /**
   * Each trial of {@code label} as its own faint curve in the structure's colour, thicker for wider
   * models, so that curves can be told apart and followed.
   */
  private static void trails(
      CurvesChart chart, int color, List<MetricRow> metrics, String label, ComputeAxis axis) {
    java.util.Map<Integer, List<MetricRow>> byTrial = new java.util.TreeMap<>();
    java.util.SortedSet<Integer> widths = new java.util.TreeSet<>();
    for (MetricRow m : metrics) {
      if (m.label().equals(label)) {
        byTrial.computeIfAbsent(m.trial(), k -> new ArrayList<>()).add(m);
        widths.add(m.width());
      }
    }
    List<Integer> ranked = new ArrayList<>(widths);
    for (List<MetricRow> trial : byTrial.values()) {
      double[][] xy = points(trial, label, ScalingLaws.Metric.TRAIN_LOSS, axis);
      int rank = ranked.indexOf(trial.get(0).width());
      float stroke = ranked.size() < 2 ? 1.2f : 0.6f + 1.8f * rank / (ranked.size() - 1);
      MetricRow first = trial.get(0);
      String tip =
          String.format(
              Locale.ROOT,
              "trial %d: %s, width %d, lr %s, seed %d",
              first.trial(),
              label,
              first.width(),
              CompactNumberFormat.text(first.lr()),
              first.seed());
      chart.trail(color, xy[0], xy[1], stroke, tip);
    }
  }

  private static String errorChart(List<String> labels, List<MetricRow> metrics, ComputeAxis axis) {
    CurvesChart chart =
        new CurvesChart("Test error vs " + axis.label(), axis.label(), "test error", true, true);
    for (int i = 0; i < labels.size(); i++) {
      double[][] all = points(metrics, labels.get(i), ScalingLaws.Metric.TEST_ERROR, axis);
      chart.cloud(i, all[0], all[1]);
      List<FitPoint> cloud = new ArrayList<>();
      for (int k = 0; k < all[0].length; k++) {
        cloud.add(new FitPoint(all[0][k], all[1][k]));
      }
      double[][] frontier = StudyReport.arrays(Frontier.of(cloud, 0, Frontier.TOLERANCE));
      chart.linePoints(labels.get(i), i, frontier[0], frontier[1]);
    }
    return chart.svg("error-vs-flops", WIDTH, HEIGHT);
  }

  private static double[][] points(
      List<MetricRow> metrics, String label, ScalingLaws.Metric metric, ComputeAxis axis) {
    List<double[]> xy = new ArrayList<>();
    for (MetricRow m : metrics) {
      double v = metric.of(m.point());
      double compute = axis.of(m);
      if (m.label().equals(label) && Double.isFinite(v) && Double.isFinite(compute)) {
        xy.add(new double[] {compute, v});
      }
    }
    double[] x = new double[xy.size()];
    double[] y = new double[xy.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = xy.get(i)[0];
      y[i] = xy.get(i)[1];
    }
    return new double[][] {x, y};
  }

  private static StructureFit seconds(List<DualFit> dual, String label) {
    return dual.stream()
        .filter(d -> d.label().equals(label))
        .map(DualFit::seconds)
        .findFirst()
        .orElse(null);
  }

  private static String multiplierChart(List<DualFit> dual, String computeLabel) {
    List<String> names = new ArrayList<>();
    List<Double> flops = new ArrayList<>();
    List<Double> flopsSpread = new ArrayList<>();
    List<Double> secs = new ArrayList<>();
    List<Double> secsSpread = new ArrayList<>();
    for (DualFit d : dual) {
      StructureFit f = d.compute();
      StructureFit s = d.seconds();
      if (f.multiplier() == null && (s == null || s.multiplier() == null)) {
        continue;
      }
      names.add(d.label());
      flops.add(log10(f.multiplier()));
      flopsSpread.add(log10(f.multiplierStd()));
      secs.add(s == null ? null : log10(s.multiplier()));
      secsSpread.add(s == null ? null : log10(s.multiplierStd()));
    }
    return BarsChart.grouped(
        "multipliers-flops-seconds",
        "Multiplier against dense: FLOPs and seconds",
        "log₁₀ C_dense(L) / C(L)",
        names,
        List.of(computeLabel, "training seconds"),
        List.of(flops, secs),
        List.of(flopsSpread, secsSpread),
        0,
        WIDTH,
        420);
  }

  private static Double log10(Double v) {
    return v == null || !(v > 0) ? null : Math.log10(v);
  }
}
