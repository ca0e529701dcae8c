package io.einstruct.reports;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/** Bars per category, with a reference line (e.g. 1× for dense). */
final class BarsChart {
  private BarsChart() {}

  /**
   * Groups of bars, one series per entry of {@code series}, with whiskers: each value and its
   * spread are drawn as given (callers pass log₁₀ of a geometric mean and of its geometric s.d., so
   * that the whiskers are ×/÷ one s.d.).
   *
   * @param means per series, a value per category (null: no bar)
   * @param spreads per series, the whisker half-length per category (null: none)
   */
  static String grouped(
      String id,
      String title,
      String valueLabel,
      List<String> categories,
      List<String> series,
      List<List<Double>> means,
      List<List<Double>> spreads,
      double reference,
      int width,
      int height) {
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    for (int s = 0; s < series.size(); s++) {
      for (int i = 0; i < categories.size(); i++) {
        Double mean = means.get(s).get(i);
        Double spread = spreads.get(s).get(i);
        data.add(
            (Number) mean,
            (Number) (spread == null ? 0.0 : spread),
            series.get(s),
            categories.get(i));
      }
    }
    StatisticalBarRenderer renderer = new StatisticalBarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    for (int s = 0; s < series.size(); s++) {
      renderer.setSeriesPaint(s, SvgChart.color(s));
    }
    renderer.setMaximumBarWidth(0.12);
    renderer.setDefaultToolTipGenerator(
        (dataset, row, column) -> {
          Number mean = data.getMeanValue(row, column);
          Number spread = data.getStdDevValue(row, column);
          return dataset.getColumnKey(column)
              + ", "
              + dataset.getRowKey(row)
              + ": "
              + (mean == null ? "no value" : multiplier(mean.doubleValue(), spread));
        });
    CategoryAxis x = new CategoryAxis("structure");
    x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis(valueLabel), renderer);
    plot.addRangeMarker(new ValueMarker(reference));
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    return SvgChart.svg(chart, id, width, height);
  }

  /** A bar's log₁₀ value and spread as the ratio they stand for: {@code 7.79× (×/÷ 1.71)}. */
  private static String multiplier(double log10, Number spread) {
    String value = CompactNumberFormat.text(Math.pow(10, log10)) + "×";
    return spread == null || spread.doubleValue() == 0
        ? value
        : value + " (×/÷ " + CompactNumberFormat.text(Math.pow(10, spread.doubleValue())) + ")";
  }
}
