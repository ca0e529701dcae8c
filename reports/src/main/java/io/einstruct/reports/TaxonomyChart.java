package io.einstruct.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The ω–ψ plane: one point per structure, coloured by ν (blue for ν near 0, red near 1), the named
 * ones labelled. Jittered slightly so that structures at the same (ω, ψ) stay visible.
 */
final class TaxonomyChart {
  private static final int BANDS = 8;

  private TaxonomyChart() {}

  /**
   * One point to plot.
   *
   * @param label its label, or null to leave it unlabelled
   * @param omega ω
   * @param psi ψ
   * @param nu ν
   */
  record Point(String label, double omega, double psi, double nu) {}

  static String svg(String id, String title, List<Point> points, int width, int height) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries[] bands = new XYSeries[BANDS];
    for (int b = 0; b < BANDS; b++) {
      bands[b] = new XYSeries("ν band " + b, false, true);
      data.addSeries(bands[b]);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    for (int b = 0; b < BANDS; b++) {
      renderer.setSeriesPaint(b, color((b + 0.5) / BANDS));
      renderer.setSeriesShape(b, new Ellipse2D.Double(-4, -4, 8, 8));
    }
    NumberAxis omega = new NumberAxis("ω (parameter sharing)");
    NumberAxis psi = new NumberAxis("ψ (rank exponent)");
    omega.setRange(-0.05, 1.05);
    psi.setRange(-0.05, 1.1);
    XYPlot plot = new XYPlot(data, omega, psi, renderer);
    int i = 0;
    for (Point p : points) {
      double jitter = ((i * 37) % 11 - 5) * 0.004;
      int band = Math.min(BANDS - 1, Math.max(0, (int) Math.floor(p.nu() * BANDS)));
      bands[band].add(p.omega() + jitter, p.psi() - jitter);
      if (p.label() != null) {
        XYTextAnnotation a =
            new XYTextAnnotation(p.label(), p.omega() + 0.015, p.psi() + 0.025 + (i % 3) * 0.02);
        a.setFont(new Font("SansSerif", Font.PLAIN, 11));
        a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addAnnotation(a);
      }
      i++;
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    LookupPaintScale scale = new LookupPaintScale(0, 1.0000001, Color.GRAY);
    for (int b = 0; b < BANDS; b++) {
      scale.add((double) b / BANDS, color((b + 0.5) / BANDS));
    }
    NumberAxis nu = new NumberAxis("ν (compute intensity)");
    nu.setRange(0, 1);
    PaintScaleLegend legend = new PaintScaleLegend(scale, nu);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(12);
    legend.setMargin(4, 4, 4, 4);
    chart.addSubtitle(legend);
    return SvgChart.svg(chart, id, width, height);
  }

  /** Blue at 0 through purple to red at 1. */
  static Color color(double nu) {
    double t = Math.max(0, Math.min(1, nu));
    return new Color(
        (int) (40 + 200 * t), (int) (90 - 40 * Math.abs(t - 0.5)), (int) (220 - 180 * t));
  }
}
