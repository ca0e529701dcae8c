package io.einstruct.taxonomy.theta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.EinError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThetaTest {
  /** The named structures of einsum-search Fig. 1, θ in the order (α|β|γ|δ|ε|φ|ρ). */
  @ParameterizedTest(name = "{0}: θ {1} -> (ω, ψ, ν) = ({2}, {3}, {4})")
  @CsvSource(
      delimiter = ';',
      value = {
        "dense;       (0|0|1|0|0|1|0);             0;   1;   1",
        "monarch;     (1/2|0|1/2|0|1/2|1/2|0);     0;   1;   1/2",
        "btt example; (4/5|0|1/5|0|4/5|1/5|1/10);  0;   1/2; 3/10",
        "low rank;    (1|0|0|0|1|0|1/4);           0;   1/4; 1/4",
        "kronecker;   (1/2|1/2|0|1/2|1/2|0|0);     1/2; 1;   1/2",
        "tt example;  (1/3|2/3|0|3/4|1/4|0|0);     2/3; 1;   3/4"
      })
  void closedFormsPinThePapersNumbers(
      String name, String theta, String omega, String psi, String nu) {
    Theta t = Theta.parse(theta);
    assertThat(t.omega()).as("ω").isCloseTo(fraction(omega), within(1e-12));
    assertThat(t.psi()).as("ψ").isCloseTo(fraction(psi), within(1e-12));
    assertThat(t.nu()).as("ν").isCloseTo(fraction(nu), within(1e-12));
  }

  @Test
  void filtersRedundantAndDegeneratePoints() {
    assertThat(Theta.parse("(1/2|0|1/2|0|1/2|1/2|0)").isCanonical()).isTrue();
    // A and B swapped: min(α, ε) = 0 < min(β, δ) = 1/2
    assertThat(Theta.parse("(0|1/2|1/2|1/2|0|1/2|0)").isCanonical()).isFalse();
    assertThat(Theta.parse("(1/2|0|1/2|0|1/2|1/2|3/4)").isDegenerate()).isTrue();
    assertThat(Theta.parse("(1/2|0|1/2|0|1/2|1/2|1/2)").isDegenerate()).isFalse();
  }

  @Test
  void formatsAndParsesBothWays() {
    Theta t = Theta.parse("(0.5|0|0.5|0|0.5|0.5|0.25)");
    assertThat(t.format()).isEqualTo("(0.5|0|0.5|0|0.5|0.5|0.25)");
    assertThat(t.pretty()).isEqualTo("(½|0|½|0|½|½|¼)");
    assertThat(Theta.parse(t.format())).isEqualTo(t);
    assertThat(Theta.parse(" 1/3|2/3|0|3/4|1/4|0|0 ").beta()).isCloseTo(2.0 / 3, within(1e-15));
  }

  @Test
  void rejectsMalformedThetaWithPosition() {
    assertThatThrownBy(() -> Theta.parse("(1/2|0|x|0|1/2|1/2|0)"))
        .isInstanceOf(EinError.class)
        .hasMessage(
            """
            <theta>:1:8: θ entry 'x' must be a number or fraction in [0, 1]
              (1/2|0|x|0|1/2|1/2|0)
                     ^""");
    assertThatThrownBy(() -> Theta.parse("(1/2|0|1/2|0|1/2|1/2)"))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(
            "<theta>:1:1: θ needs 7 entries (α|β|γ|δ|ε|φ|ρ) separated by '|', got 6");
    assertThatThrownBy(() -> Theta.parse("(1/2|1/2|1/2|0|1/2|1/2|0)"))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(
            "<theta>:1:1: θα + θβ + θγ and θδ + θε + θφ must each be 1; got 1.500 and 1.000");
  }

  @Test
  void gridHoldsOnlyValidCanonicalNonDegeneratePointsIncludingTheGptGrid() {
    var grid = ThetaGrid.standard();
    assertThat(grid)
        .allMatch(Theta::isValid)
        .allMatch(Theta::isCanonical)
        .noneMatch(Theta::isDegenerate)
        .doesNotHaveDuplicates();
    for (String named :
        new String[] {
          "(1/2|0|1/2|0|1/2|1/2|0)", "(1/3|0|2/3|0|2/3|1/3|0)", "(1/2|1/2|0|1/2|1/2|0|0)",
          "(1/2|0|1/2|0|1/2|1/2|1/4)", "(1|0|0|0|1|0|3/4)", "(1/2|1/4|1/4|1/4|1/2|1/4|1/4)"
        }) {
      Theta t = Theta.parse(named);
      assertThat(grid)
          .anySatisfy(g -> assertThat(g.toArray()).containsExactly(t.toArray(), within(1e-12)));
    }
    assertThat(grid).hasSize(ThetaGrid.enumerate(Fractions.GRID).size());
    assertThat(grid.size()).isBetween(200, 3388);
  }

  private static double fraction(String s) {
    String[] p = s.strip().split("/");
    return p.length == 1
        ? Double.parseDouble(p[0])
        : Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
  }
}
