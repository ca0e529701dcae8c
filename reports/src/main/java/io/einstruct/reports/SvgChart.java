package io.einstruct.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.XYItemEntity;
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
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
    String svg = g.getSVGElement(id);
    String hover = hoverLayer(info);
    return hover.isEmpty() ? svg : svg.substring(0, svg.lastIndexOf("</svg>")) + hover + "</svg>";
  }

  /**
   * An invisible shape over every item that has a tooltip, each holding its SVG {@code <title>}:
   * the browser shows it on hover, with no script and nothing fetched. (JFreeSVG's title hint
   * writes the title beside the element rather than inside it, where browsers ignore it.)
   */
  private static String hoverLayer(ChartRenderingInfo info) {
    EntityCollection entities = info.getEntityCollection();
    if (entities == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (Object o : entities.getEntities()) {
      ChartEntity e = (ChartEntity) o;
      String tip = e.getToolTipText();
      boolean item = e instanceof XYItemEntity || e instanceof CategoryItemEntity;
      if (item && tip != null && !tip.isBlank()) {
        out.append("<path d='")
            .append(path(e.getArea()))
            .append("'><title>")
            .append(escape(tip))
            .append("</title></path>");
      }
    }
    return out.length() == 0
        ? ""
        : "<g class='hover' style='fill:#000;fill-opacity:0;stroke:none'>" + out + "</g>";
  }

  private static String path(Shape shape) {
    StringBuilder d = new StringBuilder();
    double[] c = new double[6];
    for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
      int type = it.currentSegment(c);
      switch (type) {
        case PathIterator.SEG_MOVETO -> d.append('M').append(xy(c, 0));
        case PathIterator.SEG_LINETO -> d.append('L').append(xy(c, 0));
        case PathIterator.SEG_QUADTO -> d.append('Q').append(xy(c, 0)).append(' ').append(xy(c, 2));
        case PathIterator.SEG_CUBICTO ->
            d.append('C')
                .append(xy(c, 0))
                .append(' ')
                .append(xy(c, 2))
                .append(' ')
                .append(xy(c, 4));
        default -> d.append('Z');
      }
    }
    return d.toString();
  }

  private static String xy(double[] c, int at) {
    return round2(c[at]) + "," + round2(c[at + 1]);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&apos;");
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
