package io.einstruct.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An XY chart of named series, each drawn as points, as a line, or both, on linear or logarithmic
 * axes. Series sharing a colour key share a colour.
 */
final class CurvesChart {
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final boolean logY;
  private final List<Series> series = new ArrayList<>();

  /** How one series is drawn. */
  private record Series(
      String name,
      int color,
      double[] x,
      double[] y,
      boolean points,
      boolean line,
      boolean dashed,
      boolean faint,
      float stroke,
      String tip,
      List<String> tips) {}

  CurvesChart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
    this.logY = logY;
  }

  /** Faint points, not in the legend (e.g. every evaluation). */
  CurvesChart cloud(int color, double[] x, double[] y) {
    series.add(new Series(null, color, x, y, true, false, false, true, 1.8f, null, null));
    return this;
  }

  /** Points with a legend entry. */
  CurvesChart points(String name, int color, double[] x, double[] y) {
    series.add(new Series(name, color, x, y, true, false, false, false, 1.8f, name, null));
    return this;
  }

  /** A line, dashed or solid, with a legend entry (null name: none). */
  CurvesChart line(String name, int color, double[] x, double[] y, boolean dashed) {
    series.add(new Series(name, color, x, y, false, true, dashed, false, 1.8f, name, null));
    return this;
  }

  /** A line through points, with a legend entry. */
  CurvesChart linePoints(String name, int color, double[] x, double[] y) {
    series.add(new Series(name, color, x, y, true, true, false, false, 1.8f, name, null));
    return this;
  }

  /**
   * One trial's learning curve: faint points joined by a faint line of width {@code stroke}, not in
   * the legend, so that the curves of one structure share its colour and wider models draw thicker;
   * hovering a point shows {@code tip} (the trial's configuration) and the point's values.
   */
  CurvesChart trail(int color, double[] x, double[] y, float stroke, String tip) {
    series.add(new Series(null, color, x, y, true, true, false, true, stroke, tip, null));
    return this;
  }

  /** Points with a legend entry, each with its own tooltip (the structure it stands for). */
  CurvesChart labelled(String name, int color, double[] x, double[] y, List<String> tips) {
    series.add(new Series(name, color, x, y, true, false, false, false, 1.8f, name, tips));
    return this;
  }

  String svg(String id, int width, int height) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    int index = 0;
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name() == null ? "#" + index : s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        if (drawn(s.x()[i], s.y()[i])) {
          xy.add(s.x()[i], s.y()[i]);
        }
      }
      data.addSeries(xy);
      Color c = SvgChart.color(s.color());
      renderer.setSeriesPaint(
          index, s.faint() ? new Color(c.getRed(), c.getGreen(), c.getBlue(), 70) : c);
      renderer.setSeriesShapesVisible(index, s.points());
      renderer.setSeriesLinesVisible(index, s.line());
      double r = s.faint() ? 2.5 : 3.5;
      renderer.setSeriesShape(index, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
      renderer.setSeriesStroke(
          index,
          s.dashed()
              ? new BasicStroke(
                  1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
              : new BasicStroke(s.stroke()));
      renderer.setSeriesVisibleInLegend(index, s.name() != null);
      String tip = s.tip();
      List<String> tips = s.tips() == null ? null : kept(s);
      if (tip == null && !s.points()) {
        // an unnamed line (a fitted law): its hundred points would only repeat the axes
        index++;
        continue;
      }
      renderer.setSeriesToolTipGenerator(
          index,
          (dataset, row, item) ->
              (tips != null ? tips.get(item) + "\n" : tip == null ? "" : tip + "\n")
                  + xLabel
                  + " "
                  + CompactNumberFormat.text(dataset.getXValue(row, item))
                  + ", "
                  + yLabel
                  + " "
                  + CompactNumberFormat.text(dataset.getYValue(row, item)));
      index++;
    }
    ValueAxis x = axis(xLabel, logX);
    ValueAxis y = axis(yLabel, logY);
    decades(x, logX, data.getDomainLowerBound(false), data.getDomainUpperBound(false));
    decades(y, logY, data.getRangeLowerBound(false), data.getRangeUpperBound(false));
    roundTicks(x, logX, data.getDomainLowerBound(false), data.getDomainUpperBound(false));
    roundTicks(y, logY, data.getRangeLowerBound(false), data.getRangeUpperBound(false));
    widenIfFlat(x, logX, data.getDomainLowerBound(false), data.getDomainUpperBound(false));
    widenIfFlat(y, logY, data.getRangeLowerBound(false), data.getRangeUpperBound(false));
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    return SvgChart.svg(chart, id, width, height);
  }

  /**
   * A log axis spanning a decade or more ticks at powers of ten (1e8, 1e9, 1e10), with unlabelled
   * minor ticks between; a narrower one keeps JFreeChart's ticks, which then fall inside it.
   */
  static void decades(ValueAxis axis, boolean log, double low, double high) {
    if (log && low > 0 && high / low >= 10 && axis instanceof LogAxis a) {
      a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0), false, true);
      a.setMinorTickCount(9);
      a.setMinorTickMarksVisible(true);
    }
  }

  /** The tips of the points of {@code s} that are drawn (finite, and positive on a log axis). */
  private List<String> kept(Series s) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.x().length; i++) {
      if (drawn(s.x()[i], s.y()[i])) {
        out.add(s.tips().get(i));
      }
    }
    return out;
  }

  private boolean drawn(double x, double y) {
    return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
  }

  /**
   * A linear axis ticks at 1, 2 or 5 times a power of ten, about eight ticks over the data: narrow
   * labels (steps) would otherwise get a tick every five units, twenty-odd on an axis.
   */
  private static void roundTicks(ValueAxis axis, boolean log, double low, double high) {
    if (!log && axis instanceof NumberAxis a && Double.isFinite(low) && high > low) {
      double raw = (high - low) / 8;
      double power = Math.pow(10, Math.floor(Math.log10(raw)));
      double unit = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : 5 * power;
      a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(unit), false, true);
    }
  }

  /**
   * Every value equal (one evaluation per run, say) leaves the axis no range to auto-fit, which
   * JFreeChart refuses: give it a factor of two (log) or one unit (linear) either side.
   */
  private static void widenIfFlat(ValueAxis axis, boolean log, double low, double high) {
    if (Double.isFinite(low) && low == high) {
      if (log && low > 0) {
        axis.setRange(low / 2, low * 2);
      } else {
        axis.setRange(low - 1, low + 1);
      }
    }
  }

  static ValueAxis axis(String label, boolean log) {
    if (log) {
      LogAxis axis = new ReadableLogAxis(label);
      axis.setBase(10);
      axis.setSmallestValue(1e-12);
      axis.setNumberFormatOverride(new CompactNumberFormat());
      return axis;
    }
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    axis.setNumberFormatOverride(new CompactNumberFormat());
    return axis;
  }
}
