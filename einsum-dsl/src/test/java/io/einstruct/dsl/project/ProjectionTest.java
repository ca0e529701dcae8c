package io.einstruct.dsl.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.eval.FactorValues;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Resolver;
import io.einstruct.dsl.syntax.Parser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionTest {
  private static final Library LIBRARY = Library.builtIns();

  private static Structure bind(String name, int dIn, int dOut, String... params) {
    Map<String, Number> args = new LinkedHashMap<>();
    args.put("d_in", dIn);
    args.put("d_out", dOut);
    for (String p : params) {
      String[] kv = p.split("=");
      args.put(kv[0], Integer.parseInt(kv[1]));
    }
    return LIBRARY.find(name).orElseThrow().bind(Args.of(args));
  }

  private static double[][] gaussian(int rows, int cols, long seed) {
    Random r = new Random(seed);
    double[][] w = new double[rows][cols];
    for (double[] row : w) {
      for (int i = 0; i < cols; i++) {
        row[i] = r.nextGaussian();
      }
    }
    return w;
  }

  /** ‖W − Ŵ‖ / ‖W‖ with Ŵ materialised by the reference evaluator, independently of projection. */
  private static double materializedError(Projected p, double[][] w) {
    double[][] approx = ReferenceEvaluator.materialize(p.structure(), p.factors());
    double diff = 0;
    double norm = 0;
    for (int o = 0; o < w.length; o++) {
      for (int i = 0; i < w[o].length; i++) {
        diff += (w[o][i] - approx[o][i]) * (w[o][i] - approx[o][i]);
        norm += w[o][i] * w[o][i];
      }
    }
    return Math.sqrt(diff / norm);
  }

  /**
   * Every built-in without routing, on a matrix it produces exactly, square and rectangular: the
   * projection recovers it to 1e-5, checked against the reference evaluator's materialised matrix.
   */
  @ParameterizedTest(name = "{0} {3} at {1} → {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "dense; 12; 20; ; CLOSED_FORM",
        "lowrank; 16; 16; rank=3; CLOSED_FORM",
        "lowrank; 16; 24; rank=2; CLOSED_FORM",
        "monarch; 16; 16; blocks=2; CLOSED_FORM",
        "monarch; 16; 32; blocks=2; CLOSED_FORM",
        "btt; 16; 16; rank=1; CLOSED_FORM",
        "btt; 16; 36; rank=2; CLOSED_FORM",
        "tt; 16; 16; rank=3; CLOSED_FORM",
        "kron; 16; 36; ; CLOSED_FORM",
        "blockdiag; 16; 24; blocks=4; CLOSED_FORM",
        "btt3; 27; 27; r1=2; ALS",
        "btt3; 8; 27; r2=2; ALS",
      })
  void aMatrixWithTheStructureIsRecovered(
      String name, int dIn, int dOut, String param, ProjectionMethod expected) {
    Structure s = param == null ? bind(name, dIn, dOut) : bind(name, dIn, dOut, param);
    double[][] w = ReferenceEvaluator.materialize(s, FactorValues.gaussian(s, 3, 1));

    Projected p = Projection.project(s, w);

    assertThat(p.method()).isEqualTo(expected);
    assertThat(p.relativeError()).isLessThan(1e-5);
    assertThat(materializedError(p, w)).isLessThan(1e-5);
    assertThat(p.relativeError()).isCloseTo(materializedError(p, w), within(1e-9));
  }

  /** Alternating least squares recovers what the closed form recovers, from a random start. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {"btt; rank=2", "monarch; blocks=2", "tt; rank=2"})
  void alternatingLeastSquaresRecoversTwoFactorStructuresToo(String name, String param) {
    Structure s = bind(name, 16, 16, param);
    double[][] w = ReferenceEvaluator.materialize(s, FactorValues.gaussian(s, 5, 1));

    Projected p =
        Projection.project(
            s, w, ProjectionOptions.DEFAULT.withMethod(ProjectionMethod.ALS), (n, e) -> {});

    assertThat(p.method()).isEqualTo(ProjectionMethod.ALS);
    assertThat(materializedError(p, w)).isLessThan(1e-5);
  }

  /** On a random matrix the closed form is the optimum, so no run of ALS does better. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = ';',
      value = {"lowrank; rank=3", "monarch; blocks=4", "btt; rank=1", "btt; rank=2", "tt; rank=3"})
  void onRandomMatricesTheClosedFormIsNoWorseThanAls(String name, String param) {
    Structure s = bind(name, 16, 16, param);
    double[][] w = gaussian(16, 16, 11);

    Projected svd = Projection.project(s, w);
    for (long seed = 0; seed < 3; seed++) {
      Projected als =
          Projection.project(
              s, w, new ProjectionOptions(ProjectionMethod.ALS, 300, 1e-9, seed), (n, e) -> {});
      assertThat(svd.relativeError()).isLessThanOrEqualTo(als.relativeError() + 1e-9);
    }
    assertThat(svd.relativeError()).isCloseTo(materializedError(svd, w), within(1e-9));
    assertThat(svd.relativeError()).isBetween(0.05, 1.0);
  }

  /** Kronecker's closed form on a random matrix: ALS from any start reaches the same optimum. */
  @Test
  void kroneckerIsTheBestRankOneOfTheRearrangedMatrix() {
    Structure s = bind("kron", 16, 16);
    double[][] w = gaussian(16, 16, 2);

    double svd = Projection.project(s, w).relativeError();
    double als =
        Projection.project(
                s, w, new ProjectionOptions(ProjectionMethod.ALS, 500, 1e-12, 1), (n, e) -> {})
            .relativeError();

    assertThat(svd).isCloseTo(als, within(1e-6));
  }

  /** Low rank by truncated SVD leaves exactly the tail of W's singular values (Eckart–Young). */
  @Test
  void lowRankLeavesTheTailOfTheSingularValues() {
    double[][] w = gaussian(20, 12, 4);
    Structure s = bind("lowrank", 12, 20, "rank=4");

    double[] sv = SingularOps_DDRM.singularValues(new DMatrixRMaj(w));
    java.util.Arrays.sort(sv);
    double tail = 0;
    double all = 0;
    for (int i = 0; i < sv.length; i++) {
      all += sv[i] * sv[i];
      if (i < sv.length - 4) {
        tail += sv[i] * sv[i];
      }
    }

    assertThat(Projection.project(s, w).relativeError())
        .isCloseTo(Math.sqrt(tail / all), within(1e-9));
  }

  /**
   * A block-diagonal structure reaches only the diagonal blocks: the error is exactly the norm of
   * the rest, and the blocks are copied.
   */
  @Test
  void whatAStructureCannotReachCountsAsError() {
    Structure s = bind("blockdiag", 8, 8, "blocks=2");
    double[][] w = gaussian(8, 8, 6);
    double off = 0;
    double all = 0;
    for (int o = 0; o < 8; o++) {
      for (int i = 0; i < 8; i++) {
        all += w[o][i] * w[o][i];
        if (o / 4 != i / 4) {
          off += w[o][i] * w[o][i];
        }
      }
    }

    Projected p = Projection.project(s, w);

    assertThat(p.relativeError()).isCloseTo(Math.sqrt(off / all), within(1e-9));
    assertThat(materializedError(p, w)).isCloseTo(Math.sqrt(off / all), within(1e-9));
  }

  /** Padded rows and columns are free: a padded structure's own matrices are still recovered. */
  @Test
  void paddingIsNotFittedAsIfItWereData() {
    // 3 × 3 = 9 entries for d_in = d_out = 8: one padded row and column
    Structure s =
        Resolver.resolve(
            Parser.parse(
                    new Source(
                        "p.ein",
                        """
                        structure p(d_in, d_out) {
                          allow padding
                          dim a = 3
                          dim b = 3
                          dim c = 3
                          dim d = 3
                          dim r = 2
                          y[a, b] = L[a, b, c, r] * R[r, b, c, d] * x[c, d]
                        }
                        """))
                .structure("p"),
            Args.of(Map.of("d_in", 8, "d_out", 8)));
    assertThat(s.xSize()).isEqualTo(9);
    double[][] w = ReferenceEvaluator.materialize(s, FactorValues.gaussian(s, 1, 1));

    assertThat(materializedError(Projection.project(s, w), w)).isLessThan(1e-5);
  }

  @Test
  void aMixtureIsRefusedWithTheReason() {
    Structure s = bind("btt_moe", 16, 16, "experts=4");

    assertThatThrownBy(() -> Projection.project(s, gaussian(16, 16, 0)))
        .isInstanceOf(EinError.class)
        .hasMessage(
            "btt_moe: routes e: a mixture's layer is a different matrix for every input, so no"
                + " one matrix projects onto it");
  }

  @Test
  void svdIsRefusedWhereThereIsNoClosedForm() {
    Structure s = bind("btt3", 8, 8);

    assertThat(Projection.hasClosedForm(s)).isFalse();
    assertThat(Projection.hasClosedForm(bind("monarch", 16, 16))).isTrue();
    assertThatThrownBy(
            () ->
                Projection.project(
                    s,
                    gaussian(8, 8, 0),
                    ProjectionOptions.DEFAULT.withMethod(ProjectionMethod.CLOSED_FORM),
                    (n, e) -> {}))
        .isInstanceOf(EinError.class)
        .hasMessage(
            "btt3: has no closed-form projection (it needs two factors that split every block of"
                + " W in two); use alternating least squares");
  }

  @Test
  void theListenerSeesEverySweepAndTheErrorFalls() {
    Structure s = bind("btt3", 8, 8);
    double[][] w = gaussian(8, 8, 9);
    java.util.List<Double> errors = new java.util.ArrayList<>();

    Projected p = Projection.project(s, w, ProjectionOptions.DEFAULT, (n, e) -> errors.add(e));

    assertThat(errors).hasSize(p.sweeps());
    for (int i = 1; i < errors.size(); i++) {
      assertThat(errors.get(i)).isLessThanOrEqualTo(errors.get(i - 1) + 1e-12);
    }
    assertThat(errors.get(errors.size() - 1)).isEqualTo(p.relativeError());
  }

  @Test
  void aMatrixTooLargeIsRefusedBeforeAnyWork() {
    Structure s = bind("dense", 8192, 16384);

    assertThatThrownBy(() -> Projection.project(s, new double[0][0]))
        .isInstanceOf(EinError.class)
        .hasMessage(
            "dense: a 16384 × 8192 matrix is larger than the 67108864 entries (8192 × 8192)"
                + " projection accepts");
  }

  @Test
  void aMatrixOfTheWrongShapeIsRefused() {
    Structure s = bind("btt", 16, 16);

    assertThatThrownBy(() -> Projection.project(s, gaussian(16, 8, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a 16 × 16 matrix projects onto btt, got 16 × 8");
  }
}
