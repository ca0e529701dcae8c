package io.einstruct.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
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
 * ones labelled. Jittered slightly so that structures at the same (ω, ψ) stay visible. Named
 * structures at one place share one label; labels are placed where they overlap no other label and
 * no labelled point, joined to their point by a leader line. Every point has a hover tooltip.
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
   * @param tip what hovering the point shows first (its name or θ)
   */
  record Point(String label, double omega, double psi, double nu, String tip) {
    Point(String label, double omega, double psi, double nu) {
      this(label, omega, psi, nu, label);
    }
  }

  private static final double OMEGA_LOW = -0.05;
  private static final double OMEGA_HIGH = 1.05;
  private static final double PSI_LOW = -0.05;
  private static final double PSI_HIGH = 1.1;
  private static final Font LABEL_FONT = new Font("SansSerif", Font.PLAIN, 11);

  /** Pixels a character of the label font takes, and a line, measured on the report's fonts. */
  private static final double CHAR_PX = 6.4;

  private static final double LINE_PX = 14;
  private static final int LINE_CHARS = 30;

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
    omega.setRange(OMEGA_LOW, OMEGA_HIGH);
    psi.setRange(PSI_LOW, PSI_HIGH);
    XYPlot plot = new XYPlot(data, omega, psi, renderer);
    List<List<String>> tips = new ArrayList<>();
    for (int b = 0; b < BANDS; b++) {
      tips.add(new ArrayList<>());
    }
    int i = 0;
    for (Point p : points) {
      double jitter = ((i * 37) % 11 - 5) * 0.004;
      int band = Math.min(BANDS - 1, Math.max(0, (int) Math.floor(p.nu() * BANDS)));
      bands[band].add(p.omega() + jitter, p.psi() - jitter);
      tips.get(band)
          .add(
              String.format(
                  Locale.ROOT,
                  "%s%nω = %.3f, ψ = %.3f, ν = %.3f",
                  p.tip() == null ? "θ structure" : p.tip(),
                  p.omega(),
                  p.psi(),
                  p.nu()));
      i++;
    }
    renderer.setDefaultToolTipGenerator((dataset, series, item) -> tips.get(series).get(item));
    // the plot area, roughly: the chart less its axes, title and ν legend
    Labels labels =
        new Labels((width - 170) / (OMEGA_HIGH - OMEGA_LOW), (height - 95) / (PSI_HIGH - PSI_LOW));
    labels.place(points).forEach(plot::addAnnotation);
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

  /**
   * Places the labels of named points greedily, in order: the first spot around its point, nearest
   * first, whose box stays in the plot and overlaps no label placed before and no named point.
   *
   * @param xPx pixels per unit of ω
   * @param yPx pixels per unit of ψ
   */
  private record Labels(double xPx, double yPx) {
    /** A label's box in pixels, y growing upwards as ψ does. */
    private record Box(double x0, double y0, double x1, double y1) {
      boolean overlaps(Box o) {
        return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
      }
    }

    List<XYAnnotation> place(List<Point> points) {
      Map<String, List<Point>> places = new LinkedHashMap<>();
      for (Point p : points) {
        if (p.label() != null) {
          String key = Math.round(p.omega() * 100) + "," + Math.round(p.psi() * 100);
          places.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
      }
      List<Box> taken = new ArrayList<>();
      for (List<Point> place : places.values()) {
        Point p = place.get(0);
        double x = (p.omega() - OMEGA_LOW) * xPx;
        double y = (p.psi() - PSI_LOW) * yPx;
        taken.add(new Box(x - 5, y - 5, x + 5, y + 5));
      }
      List<XYAnnotation> out = new ArrayList<>();
      for (List<Point> place : places.values()) {
        Point p = place.get(0);
        List<String> lines = wrap(place.stream().map(Point::label).distinct().toList());
        double w = lines.stream().mapToInt(String::length).max().orElse(0) * CHAR_PX;
        double h = lines.size() * LINE_PX;
        double x = (p.omega() - OMEGA_LOW) * xPx;
        double y = (p.psi() - PSI_LOW) * yPx;
        Box box = spot(x, y, w, h, taken);
        taken.add(box);
        boolean right = box.x0() >= x;
        double anchorX = right ? box.x0() : box.x1();
        double anchorY = box.y0() >= y ? box.y0() : box.y1();
        XYLineAnnotation leader =
            new XYLineAnnotation(
                p.omega(),
                p.psi(),
                OMEGA_LOW + anchorX / xPx,
                PSI_LOW + anchorY / yPx,
                new BasicStroke(0.7f),
                LEADER);
        out.add(leader);
        for (int k = 0; k < lines.size(); k++) {
          XYTextAnnotation a =
              new XYTextAnnotation(
                  lines.get(k),
                  OMEGA_LOW + box.x0() / xPx,
                  PSI_LOW + (box.y1() - k * LINE_PX) / yPx);
          a.setFont(LABEL_FONT);
          a.setTextAnchor(TextAnchor.TOP_LEFT);
          out.add(a);
        }
      }
      return out;
    }

    private Box spot(double x, double y, double w, double h, List<Box> taken) {
      double plotW = (OMEGA_HIGH - OMEGA_LOW) * xPx;
      double plotH = (PSI_HIGH - PSI_LOW) * yPx;
      Box fallback = null;
      for (double r = 14; r <= 140; r += 14) {
        for (int[] d : DIRECTIONS) {
          double bx = d[0] >= 0 ? x + d[0] * r : x + d[0] * r - w;
          double by = d[1] >= 0 ? y + d[1] * r * 0.6 : y + d[1] * r * 0.6 - h;
          if (d[0] == 0) {
            bx = x - w / 2;
          }
          Box b = new Box(bx, by, bx + w, by + h);
          boolean inside = b.x0() >= 0 && b.y0() >= 0 && b.x1() <= plotW && b.y1() <= plotH;
          if (!inside) {
            continue;
          }
          if (fallback == null) {
            fallback = b;
          }
          if (taken.stream().noneMatch(b::overlaps)) {
            return b;
          }
        }
      }
      return fallback != null ? fallback : new Box(x + 8, y + 8, x + 8 + w, y + 8 + h);
    }

    /** The names, comma-separated, in lines of at most {@value #LINE_CHARS} characters. */
    private static List<String> wrap(List<String> names) {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (int n = 0; n < names.size(); n++) {
        String word = names.get(n) + (n < names.size() - 1 ? "," : "");
        if (line.length() > 0 && line.length() + 1 + word.length() > LINE_CHARS) {
          lines.add(line.toString());
          line.setLength(0);
        }
        line.append(line.length() > 0 ? " " : "").append(word);
      }
      lines.add(line.toString());
      return lines;
    }
  }

  /** Up-right first, then the other diagonals, then beside, above and below. */
  private static final int[][] DIRECTIONS = {
    {1, 1}, {1, -1}, {-1, 1}, {-1, -1}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}
  };

  private static final Color LEADER = new Color(0x8a8f99);

  /** Blue at 0 through purple to red at 1. */
  static Color color(double nu) {
    double t = Math.max(0, Math.min(1, nu));
    return new Color(
        (int) (40 + 200 * t), (int) (90 - 40 * Math.abs(t - 0.5)), (int) (220 - 180 * t));
  }
}
