package io.einstruct.dsl.eval;

import static io.einstruct.dsl.Matrices.assertClose;
import static io.einstruct.dsl.Matrices.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.Sources;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Args;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceEvaluatorTest {
  private static final String PADDED =
      """
      structure padded(d_in, d_out, cin = 3, din = 6, aout = 3, bout = 6) {
        allow padding
        dim c = cin
        dim d = din
        dim a = aout
        dim b = bout
        y[a, b] = L[a, c] * R[b, d] * x[c, d]
      }
      """;

  @Test
  void zeroPadsTheInputAndTruncatesTheOutput() {
    // x has 18 entries for d_in = 16, y has 18 for d_out = 16
    Structure padded = Sources.bind(PADDED, Map.of("d_in", 16, "d_out", 16));
    Structure exact =
        Sources.bind(PADDED.replace("allow padding", ""), Map.of("d_in", 18, "d_out", 18));
    Map<String, DoubleTensor> f = FactorValues.gaussian(padded, 11, 1);
    double[][] x = random(4, 16, 12);
    double[][] wide = new double[4][];
    for (int n = 0; n < 4; n++) {
      wide[n] = Arrays.copyOf(x[n], 18);
    }
    double[][] full = ReferenceEvaluator.apply(exact, f, wide);
    double[][] truncated = new double[4][];
    for (int n = 0; n < 4; n++) {
      truncated[n] = Arrays.copyOf(full[n], 16);
    }
    assertClose(ReferenceEvaluator.apply(padded, f, x), truncated, 1e-14);
  }

  @Test
  void truncatesTheInputAndZeroPadsTheOutput() {
    // x has 15 entries for d_in = 16, y has 15 for d_out = 16
    Structure padded = Sources.bind(PADDED, Map.of("d_in", 16, "d_out", 16, "din", 5, "bout", 5));
    Structure exact =
        Sources.bind(
            PADDED.replace("allow padding", ""),
            Map.of("d_in", 15, "d_out", 15, "din", 5, "bout", 5));
    Map<String, DoubleTensor> f = FactorValues.gaussian(padded, 13, 1);
    double[][] x = random(3, 16, 14);
    double[][] narrow = new double[3][];
    for (int n = 0; n < 3; n++) {
      narrow[n] = Arrays.copyOf(x[n], 15);
    }
    double[][] out = ReferenceEvaluator.apply(padded, f, x);
    double[][] expected = ReferenceEvaluator.apply(exact, f, narrow);
    for (int n = 0; n < 3; n++) {
      assertThat(out[n][15]).isZero();
      expected[n] = Arrays.copyOf(expected[n], 16);
    }
    assertClose(out, expected, 1e-14);
  }

  /** y = Σ_e g_e(x) · BTT_e(x), with BTT_e the rank-1 slice of each core at e. */
  @Test
  void gatesEachInputsExpertsBetweenTheCores() {
    Structure s =
        Library.builtIns()
            .find("btt_moe")
            .orElseThrow()
            .bind(Args.of(Map.of("d_in", 16, "d_out", 16, "experts", 4, "k", 2)));
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 21, 1);
    double[][] x = random(5, 16, 22);
    double[][] router = random(4, 16, 23);
    double[][] gates = Gates.topK(io.einstruct.dsl.Matrices.applyRows(router, x), 2);
    double[][] y = ReferenceEvaluator.apply(s, f, x, Planner.chain(s, 5), Map.of("e", gates));
    double[][] expected = new double[5][16];
    for (int n = 0; n < 5; n++) {
      for (int a = 0; a < 4; a++) {
        for (int b = 0; b < 4; b++) {
          double sum = 0;
          for (int e = 0; e < 4; e++) {
            for (int c = 0; c < 4; c++) {
              for (int d = 0; d < 4; d++) {
                sum +=
                    gates[n][e]
                        * at(f.get("L"), a, b, c, e)
                        * at(f.get("R"), e, b, c, d)
                        * x[n][c * 4 + d];
              }
            }
          }
          expected[n][a * 4 + b] = sum;
        }
      }
    }
    assertClose(y, expected, 1e-12);
    for (double[] row : gates) {
      assertThat(Arrays.stream(row).filter(g -> g > 0).count()).isEqualTo(2);
    }
  }

  private static double[][] random(int rows, int columns, long seed) {
    Random random = new Random(seed);
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int i = 0; i < columns; i++) {
        row[i] = random.nextGaussian();
      }
    }
    return m;
  }
}
