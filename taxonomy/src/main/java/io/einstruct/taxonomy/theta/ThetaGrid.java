package io.einstruct.taxonomy.theta;

import java.util.ArrayList;
import java.util.List;

/**
 * Enumerates θ over a set of fractions: every valid point (input and output exponents each summing
 * to 1), keeping only canonical, non-degenerate ones, in lexicographic order.
 */
public final class ThetaGrid {
  private ThetaGrid() {}

  /** The grid over {@link Fractions#GRID}. */
  public static List<Theta> standard() {
    return enumerate(Fractions.GRID);
  }

  /** The canonical, non-degenerate valid points whose entries all come from {@code fractions}. */
  public static List<Theta> enumerate(List<Double> fractions) {
    List<double[]> triples = new ArrayList<>();
    for (double a : fractions) {
      for (double b : fractions) {
        for (double c : fractions) {
          if (Math.abs(a + b + c - 1) <= 1e-9) {
            triples.add(new double[] {a, b, c});
          }
        }
      }
    }
    List<Theta> out = new ArrayList<>();
    for (double[] in : triples) {
      for (double[] o : triples) {
        for (double rho : fractions) {
          Theta theta = new Theta(in[0], in[1], in[2], o[0], o[1], o[2], rho);
          if (theta.isCanonical() && !theta.isDegenerate()) {
            out.add(theta);
          }
        }
      }
    }
    return out;
  }
}
