package io.einstruct.cli;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.einstruct.search.fit.ComputeAxis;
import io.einstruct.search.fit.DualFit;
import io.einstruct.search.fit.PowerLaw;
import io.einstruct.search.fit.ScalingLaws;
import io.einstruct.search.fit.StructureFit;
import io.einstruct.train.run.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scaling-law table of a study as text, JSON or CSV: each structure fitted against FLOPs and,
 * side by side, against the training seconds its trials took.
 */
final class FitTable {
  /** The columns of the JSON rows and the CSV, in order. */
  private static final List<String> COLUMNS =
      List.of(
          "structure",
          "points",
          "frontier_points",
          "best",
          "alpha",
          "alpha_stderr",
          "alpha_low",
          "alpha_high",
          "intercept",
          "offset",
          "r_squared",
          "dense_multiplier",
          "dense_multiplier_std",
          "dense_multiplier_at_best",
          "seconds_alpha",
          "seconds_alpha_stderr",
          "seconds_dense_multiplier",
          "seconds_dense_multiplier_std");

  private FitTable() {}

  /** The table, compute counted on {@code axis}, seconds beside it. */
  static String text(List<DualFit> fits, ScalingLaws.Metric metric, ComputeAxis axis) {
    TextTable table =
        new TextTable(
            "structure",
            ">points",
            ">frontier",
            ">best",
            ">α",
            ">± s.e.",
            "95% bootstrap",
            ">× dense",
            ">α (s)",
            ">× dense (s)");
    for (DualFit d : fits) {
      StructureFit f = d.compute();
      PowerLaw law = f.law();
      StructureFit s = d.seconds();
      table.row(
          f.label(),
          f.points(),
          f.frontier().size(),
          String.format(Locale.ROOT, "%.4g", f.best()),
          law == null ? "-" : String.format(Locale.ROOT, "%.3f", law.alpha()),
          law == null ? "-" : String.format(Locale.ROOT, "%.3f", law.alphaStdErr()),
          law == null
              ? "-"
              : String.format(Locale.ROOT, "[%.3f, %.3f]", law.alphaLow(), law.alphaHigh()),
          multiplier(f),
          s == null || s.law() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.law().alpha()),
          s == null ? "-" : multiplier(s));
    }
    return "scaling laws of "
        + metric.key()
        + " vs "
        + axis.label()
        + ": "
        + metric.key()
        + " = e^b · C^−α fitted on each structure's frontier (lower convex hull in log-log space"
        + " plus points within 5%); × dense = C_dense(L) / C(L) along the frontier (geometric mean"
        + " ×/÷ geometric s.d.); (s): the same against training seconds (wall clock, evaluations"
        + " excluded)\n"
        + table.render("  ");
  }

  private static String multiplier(StructureFit f) {
    return f.multiplier() == null
        ? "-"
        : String.format(Locale.ROOT, "%.2f ×/÷ %.2f", f.multiplier(), f.multiplierStd());
  }

  static List<Map<String, Object>> rows(List<DualFit> fits) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DualFit d : fits) {
      StructureFit f = d.compute();
      Map<String, Object> row = new LinkedHashMap<>();
      PowerLaw law = f.law();
      row.put("structure", f.label());
      row.put("points", f.points());
      row.put("frontier_points", f.frontier().size());
      row.put("best", f.best());
      row.put("alpha", law == null ? null : law.alpha());
      row.put("alpha_stderr", law == null ? null : law.alphaStdErr());
      row.put("alpha_low", law == null ? null : law.alphaLow());
      row.put("alpha_high", law == null ? null : law.alphaHigh());
      row.put("intercept", law == null ? null : law.intercept());
      row.put("offset", law == null ? null : law.offset());
      row.put("r_squared", law == null ? null : law.rSquared());
      row.put("dense_multiplier", f.multiplier());
      row.put("dense_multiplier_std", f.multiplierStd());
      row.put("dense_multiplier_at_best", f.multiplierAtBest());
      StructureFit s = d.seconds();
      PowerLaw sl = s == null ? null : s.law();
      row.put("seconds_alpha", sl == null ? null : sl.alpha());
      row.put("seconds_alpha_stderr", sl == null ? null : sl.alphaStdErr());
      row.put("seconds_dense_multiplier", s == null ? null : s.multiplier());
      row.put("seconds_dense_multiplier_std", s == null ? null : s.multiplierStd());
      rows.add(row);
    }
    return rows;
  }

  static String json(String study, ScalingLaws.Metric metric, ComputeAxis axis, List<DualFit> fits)
      throws Exception {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", 2);
    root.put("study", study);
    root.put("metric", metric.key());
    root.put("compute", axis.key());
    root.put("fits", rows(fits));
    return Json.mapper().writeValueAsString(root);
  }

  static String csv(List<DualFit> fits) throws Exception {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    COLUMNS.forEach(schema::addColumn);
    return new CsvMapper().writer(schema.build()).writeValueAsString(rows(fits));
  }
}
