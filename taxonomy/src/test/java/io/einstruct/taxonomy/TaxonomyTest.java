package io.einstruct.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.taxonomy.theta.IndexClass;
import io.einstruct.taxonomy.theta.Theta;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxonomyTest {
  private static final Library LIBRARY = Library.builtIns();

  /** Slopes of the built-ins with their default parameters. */
  @ParameterizedTest(name = "{0}: (ω, ψ, ν) = ({1}, {2}, {3})")
  @CsvSource({
    "dense, 0, 1, 1",
    "lowrank, 0, 0.5, 0.5",
    "kron, 0.5, 1, 0.5",
    "monarch, 0, 1, 1",
    "tt, 0.5, 1, 0.5",
    "btt, 0, 1, 0.5",
    "btt3, 0, 1, 0.3333333333333333",
    "blockdiag, 0, 1, 1",
    "btt_moe, 0, 1, 0.5"
  })
  void builtInsSitWhereThePapersPutThem(String name, double omega, double psi, double nu) {
    Template t = LIBRARY.find(name).orElseThrow();
    Args args = Args.of(Map.of("d_in", 1024, "d_out", 1024));
    Taxonomy tax = Taxonomy.of(t, args, t.bind(args));
    assertThat(tax.omega()).as("ω").isCloseTo(omega, within(1e-9));
    assertThat(tax.psi()).as("ψ").isCloseTo(psi, within(1e-9));
    assertThat(tax.nu()).as("ν").isCloseTo(nu, within(1e-9));
  }

  @Test
  void readsThetaOffATwoFactorBuiltIn() {
    Template t = LIBRARY.find("btt").orElseThrow();
    Args args = Args.of(Map.of("d_in", 1024, "d_out", 1024));
    Taxonomy tax = Taxonomy.of(t, args, t.bind(args));
    assertThat(tax.theta()).contains(Theta.parse("(1/2|0|1/2|0|1/2|1/2|0)"));
    Structure kron = LIBRARY.find("kron").orElseThrow().bind(args);
    assertThat(io.einstruct.taxonomy.theta.ThetaClassifier.classify(kron))
        .contains(Theta.parse("(1/2|1/2|0|1/2|1/2|0|0)"));
  }

  @Test
  void fixedSizeStructuresFallBackToNaN() {
    Template t =
        new Template(
            io.einstruct.dsl.syntax.Parser.parse(
                    new io.einstruct.dsl.Source(
                        "f.ein",
                        """
            structure fixed(d_in = 12, d_out = 12) {
              dim a = 3
              dim b = 4
              y[a, b] = L[a, b] * R[a, b] * x[a, b]
            }
            """))
                .structure(null),
            false);
    Taxonomy tax = Taxonomy.of(t, Args.none(), t.bind(Args.none()));
    assertThat(tax.known()).isFalse();
  }

  @Test
  void classifiesIndicesByTheTensorsTheyJoin() {
    Structure s = LIBRARY.find("btt").orElseThrow().bind(Args.of(Map.of("d_in", 64, "d_out", 64)));
    assertThat(IndexClass.of(s))
        .extracting(IndexClass::shown)
        .containsExactly("(x, R, L)", "(x, R)", "(L, y)", "(R, L, y)", "(R, L)");
  }
}
