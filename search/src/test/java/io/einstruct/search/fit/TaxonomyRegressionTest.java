package io.einstruct.search.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TaxonomyRegressionTest {
  @Test
  void recoversAKnownPlaneAndItsNoise() {
    SplittableRandom random = new SplittableRandom(3);
    List<TaxonomyRegression.Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double omega = random.nextDouble();
      double psi = random.nextDouble();
      double nu = random.nextDouble();
      double noise = (random.nextDouble() - 0.5) * 0.002;
      rows.add(new TaxonomyRegression.Row(omega, psi, nu, 0.2 - 0.1 * omega + 0.05 * psi + noise));
    }
    TaxonomyRegression r = TaxonomyRegression.fit(rows).orElseThrow();
    assertThat(r.n()).isEqualTo(40);
    assertThat(r.terms())
        .extracting(TaxonomyRegression.Term::name)
        .containsExactly("1", "ω", "ψ", "ν");
    assertThat(r.terms().get(0).coefficient()).isCloseTo(0.2, within(0.002));
    assertThat(r.terms().get(1).coefficient()).isCloseTo(-0.1, within(0.002));
    assertThat(r.terms().get(2).coefficient()).isCloseTo(0.05, within(0.002));
    assertThat(r.terms().get(3).coefficient()).isCloseTo(0, within(0.002));
    assertThat(r.terms().get(1).stdErr()).isBetween(1e-5, 1e-3);
    assertThat(r.rSquared()).isGreaterThan(0.99);
    assertThat(r.formula())
        .startsWith("α = 0.20")
        .contains(" − 0.100 (± 0.000)·ω")
        .endsWith("; R² = 1.00, 40 structures");
  }

  @Test
  void aCoordinateThatDoesNotVaryIsLeftOutAndTooFewStructuresGiveNothing() {
    List<TaxonomyRegression.Row> rows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rows.add(
          new TaxonomyRegression.Row(0, i / 8.0, (i % 3) / 3.0, 0.1 + 0.02 * i + 0.001 * (i % 2)));
    }
    TaxonomyRegression r = TaxonomyRegression.fit(rows).orElseThrow();
    assertThat(r.terms()).extracting(TaxonomyRegression.Term::name).containsExactly("1", "ψ", "ν");
    assertThat(r.terms().get(1).coefficient()).isCloseTo(0.16, within(0.02));
    assertThat(TaxonomyRegression.fit(rows.subList(0, 5))).isEmpty();
    List<TaxonomyRegression.Row> flat = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      flat.add(new TaxonomyRegression.Row(0, 1, 1, 0.1 * i));
    }
    assertThat(TaxonomyRegression.fit(flat)).isEmpty();
    rows.add(new TaxonomyRegression.Row(0, 0.5, 0.5, Double.NaN));
    assertThat(TaxonomyRegression.fit(rows).orElseThrow().n()).isEqualTo(8);
  }
}
