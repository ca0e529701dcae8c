package io.einstruct.search.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * The scaling exponent against the taxonomy, {@code α = b₀ + b_ω·ω + b_ψ·ψ + b_ν·ν}, by ordinary
 * least squares (commons-math) over the structures of a study: einsum-search's claim (§4) that
 * small ω and large ψ give the best α while ν hardly matters, as coefficients with standard errors.
 * A coordinate that does not vary across the structures is left out, since nothing can be said of
 * it.
 *
 * @param terms the intercept first, then each coordinate that varies
 * @param rSquared the share of α's variance the coordinates explain
 * @param n structures fitted
 */
public record TaxonomyRegression(List<Term> terms, double rSquared, int n) {
  /** Fewer structures than this give no regression: four coefficients need some to spare. */
  public static final int MIN_STRUCTURES = 6;

  /**
   * One coefficient.
   *
   * @param name {@code 1}, {@code ω}, {@code ψ} or {@code ν}
   * @param coefficient its estimate
   * @param stdErr its standard error
   */
  public record Term(String name, double coefficient, double stdErr) {}

  /**
   * One structure's place and exponent.
   *
   * @param omega ω
   * @param psi ψ
   * @param nu ν
   * @param alpha its fitted α
   */
  public record Row(double omega, double psi, double nu, double alpha) {}

  private static final String[] NAMES = {"ω", "ψ", "ν"};

  /** The regression over {@code rows}, or empty when there are too few or nothing varies. */
  public static Optional<TaxonomyRegression> fit(List<Row> rows) {
    List<Row> finite =
        rows.stream()
            .filter(
                r ->
                    Double.isFinite(r.omega())
                        && Double.isFinite(r.psi())
                        && Double.isFinite(r.nu())
                        && Double.isFinite(r.alpha()))
            .toList();
    if (finite.size() < MIN_STRUCTURES) {
      return Optional.empty();
    }
    List<Integer> varying = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      int c = k;
      double min = finite.stream().mapToDouble(r -> coordinate(r, c)).min().orElseThrow();
      double max = finite.stream().mapToDouble(r -> coordinate(r, c)).max().orElseThrow();
      if (max - min > 1e-6) {
        varying.add(k);
      }
    }
    if (varying.isEmpty() || finite.size() <= varying.size() + 1) {
      return Optional.empty();
    }
    double[] y = new double[finite.size()];
    double[][] x = new double[finite.size()][varying.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = finite.get(i).alpha();
      for (int j = 0; j < varying.size(); j++) {
        x[i][j] = coordinate(finite.get(i), varying.get(j));
      }
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(y, x);
    try {
      double[] b = ols.estimateRegressionParameters();
      double[] se = ols.estimateRegressionParametersStandardErrors();
      List<Term> terms = new ArrayList<>();
      terms.add(new Term("1", b[0], se[0]));
      for (int j = 0; j < varying.size(); j++) {
        terms.add(new Term(NAMES[varying.get(j)], b[j + 1], se[j + 1]));
      }
      return Optional.of(new TaxonomyRegression(terms, ols.calculateRSquared(), y.length));
    } catch (SingularMatrixException e) {
      // the coordinates vary but together (ψ = ν on every structure, say): no separate effects
      return Optional.empty();
    }
  }

  /** {@code α = 0.210 − 0.052·ω + 0.031·ψ + 0.004·ν}, each ± its standard error. */
  public String formula() {
    StringBuilder out = new StringBuilder("α = ");
    for (int i = 0; i < terms.size(); i++) {
      Term t = terms.get(i);
      String value =
          String.format(Locale.ROOT, "%.3f (± %.3f)", Math.abs(t.coefficient()), t.stdErr());
      if (i == 0) {
        out.append(t.coefficient() < 0 ? "−" : "").append(value);
      } else {
        out.append(t.coefficient() < 0 ? " − " : " + ").append(value).append("·").append(t.name());
      }
    }
    return out.append(String.format(Locale.ROOT, "; R² = %.2f, %d structures", rSquared, n))
        .toString();
  }

  private static double coordinate(Row r, int k) {
    return k == 0 ? r.omega() : k == 1 ? r.psi() : r.nu();
  }
}
