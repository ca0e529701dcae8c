package io.einstruct.reports;

import io.einstruct.search.store.TrialRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The learning-rate landscape, when a study swept the base rate: final training loss against base
 * learning rate, one line per width, one chart per structure. Under structure-aware μP the best
 * rate should stay put as the width grows.
 */
final class LearningRateSection {
  private static final int MAX_CHARTS = 8;

  private LearningRateSection() {}

  static Optional<Section> build(List<String> labels, List<TrialRow> trials) {
    if (trials.stream().map(TrialRow::lr).distinct().count() < 2) {
      return Optional.empty();
    }
    List<Figure> figures = new ArrayList<>();
    for (String label : labels.subList(0, Math.min(MAX_CHARTS, labels.size()))) {
      TreeSet<Integer> widths = new TreeSet<>();
      trials.stream().filter(t -> t.label().equals(label)).forEach(t -> widths.add(t.width()));
      CurvesChart chart =
          new CurvesChart(
              "Learning-rate landscape: " + label,
              "base learning rate",
              "final training loss",
              true,
              true);
      int color = 0;
      for (int w : widths) {
        List<TrialRow> line =
            trials.stream()
                .filter(
                    t -> t.label().equals(label) && t.width() == w && t.finalTrainLoss() != null)
                .sorted(java.util.Comparator.comparingDouble(TrialRow::lr))
                .toList();
        double[] x = line.stream().mapToDouble(TrialRow::lr).toArray();
        double[] y = line.stream().mapToDouble(TrialRow::finalTrainLoss).toArray();
        chart.linePoints("width " + w, color++, x, y);
      }
      String id = "lr-landscape-" + figures.size();
      figures.add(
          new Figure(
              id,
              "Learning-rate landscape of " + label,
              "Final training loss "
                  + "(mean over the last evaluation interval) of each finished trial against its base "
                  + "learning rate η0 (the rate of a dense layer at width d0), one line per width; "
                  + "pruned and failed trials are left out. Both axes logarithmic.",
              chart.svg(id, 900, 460)));
    }
    return Optional.of(
        new Section(
            "learning-rates",
            "Learning rates",
            List.of(
                "With "
                    + "structure-aware μP the best base rate transfers across widths: the minima of the "
                    + "lines should line up."),
            figures,
            List.of()));
  }
}
