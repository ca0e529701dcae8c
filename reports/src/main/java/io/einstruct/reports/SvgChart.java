package io.einstruct.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.svg.SVGGraphics2D;

/** Draws a JFreeChart as an SVG element with einstruct's look. */
final class SvgChart {
  /** Series colours (a colour-blind-safe palette), by series index. */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    new Color(0xbcbd22), new Color(0x7f7f7f)
  };

  private static final Color GRID = new Color(0xe3e7ef);
  private static final Font TITLE = new Font("SansSerif", Font.BOLD, 15);
  private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 13);
  private static final Font TICK = new Font("SansSerif", Font.PLAIN, 11);

  private SvgChart() {}

  /** The chart as an {@code <svg>} element of {@code width} × {@code height}. */
  static String svg(JFreeChart chart, String id, int width, int height) {
    style(chart);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    // two decimals are a hundredth of a pixel: plenty, and a third of the file
    g.setGeomDoubleConverter(SvgChart::round2);
    g.setTransformDoubleConverter(SvgChart::round2);
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    return g.getSVGElement(id);
  }

  private static String round2(double v) {
    double r = Math.rint(v * 100) / 100;
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }

  /** The colour of series {@code index}. */
  static Color color(int index) {
    return PALETTE[index % PALETTE.length];
  }

  private static void style(JFreeChart chart) {
    chart.setAntiAlias(true);
    chart.setBorderVisible(false);
    chart.setBackgroundPaint(Color.WHITE);
    if (chart.getTitle() != null) {
      chart.getTitle().setFont(TITLE);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(GRID);
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(GRID);
      xy.setRangeGridlinePaint(GRID);
      axis(xy.getDomainAxis());
      axis(xy.getRangeAxis());
    } else if (plot instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(GRID);
      axis(category.getDomainAxis());
      axis(category.getRangeAxis());
    }
  }

  private static void axis(Axis axis) {
    axis.setLabelFont(LABEL);
    axis.setTickLabelFont(TICK);
  }
}
