package io.einstruct.taxonomy.theta;

import java.util.List;
import java.util.Locale;

/** Simple fractions: the θ grid, and how exponents are shown. */
public final class Fractions {
  /** The grid of the reference's hand-picked θ values: 0, ¼, ⅓, ½, ⅔, ¾, 1. */
  public static final List<Double> GRID = List.of(0.0, 0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75, 1.0);

  private static final String[] SHOWN = {"0", "¼", "⅓", "½", "⅔", "¾", "1"};

  private Fractions() {}

  /** A grid value as its fraction symbol, any other value with up to 4 significant digits. */
  public static String pretty(double v) {
    for (int i = 0; i < GRID.size(); i++) {
      if (Math.abs(v - GRID.get(i)) < 1e-9) {
        return SHOWN[i];
      }
    }
    return String.format(Locale.ROOT, "%.4g", v).replaceFirst("\\.?0+$", "");
  }
}
