package io.einstruct.reports;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic axis people can read: over a decade or more it ticks at powers of ten; over less,
 * where powers of ten would leave it bare and JFreeChart's own ticks fall at values like 0.794 and
 * 0.759, it ticks at round values (0.3, 0.4, 0.5 …) chosen from 1-2-5 steps.
 */
final class ReadableLogAxis extends LogAxis {
  private static final long serialVersionUID = 1L;

  /** About as many ticks as a chart can label without crowding. */
  private static final int TICKS = 6;

  ReadableLogAxis(String label) {
    super(label);
  }

  @Override
  protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D area, RectangleEdge edge) {
    List round = roundTicks(true, edge);
    return round != null ? round : super.refreshTicksHorizontal(g2, area, edge);
  }

  @Override
  protected List refreshTicksVertical(Graphics2D g2, Rectangle2D area, RectangleEdge edge) {
    List round = roundTicks(false, edge);
    return round != null ? round : super.refreshTicksVertical(g2, area, edge);
  }

  /** Round ticks for a range under a decade, or null to leave the axis's own. */
  private List<ValueTick> roundTicks(boolean horizontal, RectangleEdge edge) {
    double low = getRange().getLowerBound();
    double high = getRange().getUpperBound();
    if (!(low > 0) || high / low >= 10) {
      return null;
    }
    double step = niceStep((high - low) / TICKS);
    List<ValueTick> ticks = new ArrayList<>();
    TextAnchor anchor =
        horizontal
            ? (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER)
            : (edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
    for (double v = Math.ceil(low / step) * step; v <= high; v += step) {
      double value = Math.round(v / step) * step;
      ticks.add(
          new NumberTick(
              TickType.MAJOR,
              value,
              getNumberFormatOverride() != null
                  ? getNumberFormatOverride().format(value)
                  : String.valueOf(value),
              anchor,
              anchor,
              0.0));
    }
    return ticks.size() >= 2 ? ticks : null;
  }

  /** The 1, 2 or 5 × 10^k nearest above {@code raw}. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }
}
