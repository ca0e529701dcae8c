package io.einstruct.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.search.Studies;
import io.einstruct.search.store.Claim;
import io.einstruct.search.store.Stores;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.StudyExpander;
import io.einstruct.search.study.StudyFile;
import io.einstruct.train.run.EvalPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study whose structures' losses follow known power laws gets the α-against-taxonomy section,
 * with the exponents recovered and regressed on ω, ψ and ν.
 */
class TaxonomyFitReportTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  @Test
  void sevenStructuresWithKnownExponentsGiveTheRegression() throws Exception {
    String structures =
        """
          - builtin: dense
          - builtin: btt
          - builtin: kron
          - builtin: lowrank
          - builtin: btt3
          - builtin: tt
          - theta: (1/2|1/2|0|1/2|1/2|0|0)
        """;
    StudyFile f =
        Studies.parse("tax.yaml", Studies.tiny("tax", structures, "16, 32, 64", "0"), dir);
    // α by label: the report must find these again
    Map<String, Double> alpha =
        Map.of(
            "dense", 0.20,
            "btt", 0.30,
            "kron", 0.10,
            "lowrank", 0.15,
            "btt3", 0.25,
            "tt", 0.12);
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 2)) {
      long id = store.ensureStudy("tax", f.source().text());
      store.addTrials(id, StudyExpander.expand(f, LIBRARY).trials());
      for (Optional<Claim> c = store.queue().claim(id, "w", 60_000, 3);
          c.isPresent();
          c = store.queue().claim(id, "w", 60_000, 3)) {
        Claim claim = c.get();
        double a = alpha.getOrDefault(claim.label(), 0.05);
        double scale = claim.config().model().width();
        EvalPoint last = null;
        for (int step = 1; step <= 8; step++) {
          // each width traces its own stretch of one law: L = 3 C^-α
          double flops = 1e9 * scale * scale * step;
          last =
              new EvalPoint(
                  step,
                  step / 8.0,
                  16L * step,
                  3 * Math.pow(flops, -a),
                  null,
                  1,
                  null,
                  flops,
                  step,
                  1e-3,
                  null,
                  null,
                  null);
          store.queue().record(claim, last);
        }
        store.queue().finish(claim, last);
      }
      Report report = StudyReport.build(store, "tax", LIBRARY);
      Section section =
          report.sections().stream()
              .filter(s -> s.id().equals("alpha-taxonomy"))
              .findFirst()
              .orElseThrow();
      assertThat(section.figures())
          .extracting(Figure::id)
          .containsExactly("alpha-omega", "alpha-psi", "alpha-nu");
      List<List<Object>> rows = section.tables().get(0).rows();
      assertThat(rows).hasSize(7);
      for (List<Object> row : rows) {
        double expected = alpha.getOrDefault((String) row.get(0), 0.05);
        assertThat((Double) row.get(4))
            .as("α of %s", row.get(0))
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
      }
      assertThat(section.text().get(0)).contains("α = ").contains("·ω").contains("7 structures");
      String svg = section.figures().get(0).svg();
      assertThat(svg).contains("<title>btt: α 0.300 ± 0.000\n").contains("<title>kron: α 0.100 ± ");
    }
  }
}
