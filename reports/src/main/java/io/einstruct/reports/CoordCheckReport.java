package io.einstruct.reports;

import io.einstruct.train.run.CoordCheck;
import io.einstruct.train.run.CoordPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The report of a μP coordinate check. */
public final class CoordCheckReport {
  private CoordCheckReport() {}

  /** Builds the report from the check's points. */
  public static Report build(String structure, List<CoordPoint> points, int steps) {
    TreeSet<Integer> widths = new TreeSet<>();
    points.forEach(p -> widths.add(p.width()));
    double[] x = widths.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] mup = widths.stream().mapToDouble(w -> CoordCheck.mean(points, w, "mup")).toArray();
    double[] naive =
        widths.stream().mapToDouble(w -> CoordCheck.mean(points, w, "naive")).toArray();
    String svg =
        new CurvesChart(
                "μP coordinate check: " + structure, "width", "mean RMS of Δh per step", true, true)
            .linePoints("structure-aware μP", 0, x, mup)
            .linePoints("naive (κ = 1)", 1, x, naive)
            .svg("coord-check", 900, 480);
    Figure figure =
        new Figure(
            "coord-check",
            "Feature updates against width",
            "For each width, "
                + "the RMS of the change of the last hidden activation (the head's input) on a fixed "
                + "probe batch caused by one optimiser step, averaged over "
                + steps
                + " steps at a "
                + "constant learning rate: with structure-aware μP (each factor's rate scaled by κ) and "
                + "with naive rates (every factor at its layer's dense rate). Level lines mean the "
                + "updates keep their size as the model widens. Both axes logarithmic.",
            svg);
    List<List<Object>> rows = new ArrayList<>();
    int i = 0;
    for (int w : widths) {
      rows.add(List.of(w, mup[i], naive[i]));
      i++;
    }
    Table table =
        new Table(
            "coord-check",
            "Mean RMS change per step",
            "The values plotted.",
            List.of("width", "μP", "naive"),
            rows);
    List<List<Object>> steps2 = new ArrayList<>();
    for (CoordPoint p : points) {
      steps2.add(List.of(p.width(), p.parameterization(), p.step(), p.deltaRms()));
    }
    Table all =
        new Table(
            "coord-check-steps",
            "Every step",
            "The RMS change of the last " + "hidden activation at each step of each run.",
            List.of("width", "parameterization", "step", "Δh RMS"),
            steps2);
    Section section =
        new Section(
            "coord-check",
            "μP coordinate check",
            List.of(
                "Under μP the "
                    + "size of feature updates does not depend on the width; naive rates shrink them for "
                    + "structures whose factors are much smaller than the layer."),
            List.of(figure),
            List.of(table, all));
    return new Report(
        "einstruct μP check: " + structure,
        "Structure " + structure + " at widths " + widths + ".",
        List.of(section),
        Map.of("structure", structure, "steps", steps));
  }
}
