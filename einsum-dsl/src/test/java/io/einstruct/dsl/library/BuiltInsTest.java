package io.einstruct.dsl.library;

import static io.einstruct.dsl.Matrices.assertClose;
import static io.einstruct.dsl.Matrices.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.Matrices;
import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.FactorValues;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each built-in's materialised W equals the matrix built independently from the textbook definition
 * of the structure.
 */
class BuiltInsTest {
  private final Library library = Library.builtIns();

  private Structure bind(String name, Object... params) {
    Map<String, Number> args = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      args.put((String) params[i], (Number) params[i + 1]);
    }
    return library.find(name).orElseThrow().bind(Args.of(args));
  }

  @Test
  void everyBuiltInParsesBindsAndIsDocumented() {
    for (Template t : library.builtInTemplates()) {
      assertThat(t.doc()).as(t.name()).isNotBlank();
      assertThat(t.parameters()).as(t.name()).startsWith("d_in", "d_out");
      Structure s = t.bind(Args.of(Map.of("d_in", 256, "d_out", 256)));
      assertThat(s.name()).isEqualTo(t.name());
    }
  }

  @Test
  void denseIsItsOwnMatrix() {
    Structure s = bind("dense", "d_in", 5, "d_out", 3);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 1, 1);
    double[][] expected = new double[3][5];
    for (int o = 0; o < 3; o++) {
      for (int i = 0; i < 5; i++) {
        expected[o][i] = at(f.get("W"), o, i);
      }
    }
    assertClose(ReferenceEvaluator.materialize(s, f), expected, 1e-12);
  }

  @Test
  void lowRankIsUTimesV() {
    Structure s = bind("lowrank", "d_in", 6, "d_out", 4, "rank", 2);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 2, 1);
    assertClose(
        ReferenceEvaluator.materialize(s, f),
        Matrices.multiply(matrix(f.get("U"), 4, 2), matrix(f.get("V"), 2, 6)),
        1e-12);
  }

  @Test
  void kronIsTheKroneckerProductOfLAndR() {
    Structure s = bind("kron", "d_in", 12, "d_out", 20);
    assertThat(s.sizes())
        .containsEntry("c", 3)
        .containsEntry("d", 4)
        .containsEntry("a", 4)
        .containsEntry("b", 5);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 3, 1);
    assertClose(
        ReferenceEvaluator.materialize(s, f),
        Matrices.kronecker(matrix(f.get("L"), 4, 3), matrix(f.get("R"), 5, 4)),
        1e-12);
  }

  /**
   * Dao et al.: M = P L Pᵀ R with R, L block-diagonal with b blocks of size m = n/b, and P the
   * permutation that reads a length-n vector as (b, m) and transposes it. The built-in leaves out
   * the final P, so P times its matrix must equal M.
   */
  @Test
  void monarchIsPLPTransposeROfBlockDiagonalFactors() {
    int n = 16;
    int b = 2;
    int m = n / b;
    Structure s = bind("monarch", "d_in", n, "d_out", n, "blocks", b);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 4, 1);
    DoubleTensor r = f.get("R");
    DoubleTensor l = f.get("L");
    double[][] rBlocks = new double[n][n];
    double[][] lBlocks = new double[n][n];
    for (int block = 0; block < b; block++) {
      for (int q = 0; q < m; q++) {
        for (int i = 0; i < m; i++) {
          // R_g[q, i] with q = k·b + j, R indexed [g, j, k, i]
          rBlocks[block * m + q][block * m + i] = at(r, block, q % b, q / b, i);
          // L_j[o, q'] with q' = g·(m/b) + k, L indexed [j, o, k, g]
          lBlocks[block * m + q][block * m + i] = at(l, block, q, i % (m / b), i / (m / b));
        }
      }
    }
    double[][] p = new double[n][n];
    for (int g = 0; g < b; g++) {
      for (int q = 0; q < m; q++) {
        p[q * b + g][g * m + q] = 1;
      }
    }
    double[][] monarch =
        Matrices.multiply(
            p, Matrices.multiply(lBlocks, Matrices.multiply(Matrices.transpose(p), rBlocks)));
    assertClose(Matrices.multiply(p, ReferenceEvaluator.materialize(s, f)), monarch, 1e-12);
  }

  /**
   * fly's {@code blockdiag_butterfly_multiply} (the Monarch of compute-better-spent), written from
   * its docstring: x viewed as (b, d_in/b), w1 (b, q, d_in/b) per block, the (b, q) result re-read
   * as (q·b/b, b) and transposed, w2 (b, d_out/b, q) per block, the result read out block-minor. q
   * = min(d_in, d_out)/b. The built-in must be that map with its output read block-major, its
   * factors being w1 and w2 re-indexed: R[g, j, k, i] = w1[g, k·b + j, i] and L[j, o, k, g] = w2[j,
   * o, g·(q/b) + k].
   */
  @ParameterizedTest(name = "{0} -> {1}, {2} blocks")
  @CsvSource({"8, 32, 2", "32, 8, 2", "16, 16, 2", "36, 72, 3", "64, 16, 4"})
  void monarchIsFlysBlockDiagonalButterflyOnAnyShape(int dIn, int dOut, int b) {
    Structure s = bind("monarch", "d_in", dIn, "d_out", dOut, "blocks", b);
    int q = Math.min(dIn, dOut) / b;
    int p = dIn / b;
    int out = dOut / b;
    assertThat(s.size("k") * b).as("intermediate block width").isEqualTo(q);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 6, 1);
    double[][] w = new double[dOut][dIn];
    for (int column = 0; column < dIn; column++) {
      double[] x = new double[dIn];
      x[column] = 1;
      double[] t = new double[b * q];
      for (int g = 0; g < b; g++) {
        for (int r = 0; r < q; r++) {
          for (int i = 0; i < p; i++) {
            t[g * q + r] += at(f.get("R"), g, r % b, r / b, i) * x[g * p + i];
          }
        }
      }
      for (int l = 0; l < b; l++) {
        for (int o = 0; o < out; o++) {
          double sum = 0;
          for (int r = 0; r < q; r++) {
            // t re-read as (q, b): element (r, l) is t[r·b + l]; w2[l, o, r] = L[l, o, r % (q/b), r
            // / (q/b)]
            sum += at(f.get("L"), l, o, r % (q / b), r / (q / b)) * t[r * b + l];
          }
          w[l * out + o][column] = sum;
        }
      }
    }
    assertClose(ReferenceEvaluator.materialize(s, f), w, 1e-12);
  }

  /** Appendix: T[i1 i2][j1 j2] = Σ_α G1[α0=1, i1][j1, α] · G2[α, i2][j2, α2=1]. */
  @Test
  void ttIsTheAppendixSumOverTheRank() {
    Structure s = bind("tt", "d_in", 6, "d_out", 6, "rank", 3);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 5, 1);
    int[] in = {s.size("c"), s.size("d")};
    int[] out = {s.size("a"), s.size("b")};
    double[][] w = new double[6][6];
    for (int i1 = 0; i1 < out[0]; i1++) {
      for (int i2 = 0; i2 < out[1]; i2++) {
        for (int j1 = 0; j1 < in[0]; j1++) {
          for (int j2 = 0; j2 < in[1]; j2++) {
            double sum = 0;
            for (int a = 0; a < 3; a++) {
              sum += at(f.get("L"), i1, j1, a) * at(f.get("R"), a, i2, j2);
            }
            w[i1 * out[1] + i2][j1 * in[1] + j2] = sum;
          }
        }
      }
    }
    assertClose(ReferenceEvaluator.materialize(s, f), w, 1e-12);
  }

  /** Appendix: T[i1 i2][j1 j2] = Σ_α G1[i1, i2][j1, α] · G2[α, i2][j1, j2]. */
  @Test
  void bttIsTheAppendixSumWithBlockAxes() {
    Structure s = bind("btt", "d_in", 12, "d_out", 20, "rank", 2);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 6, 1);
    int j1n = s.size("c");
    int j2n = s.size("d");
    int i1n = s.size("a");
    int i2n = s.size("b");
    double[][] w = new double[20][12];
    for (int i1 = 0; i1 < i1n; i1++) {
      for (int i2 = 0; i2 < i2n; i2++) {
        for (int j1 = 0; j1 < j1n; j1++) {
          for (int j2 = 0; j2 < j2n; j2++) {
            double sum = 0;
            for (int a = 0; a < 2; a++) {
              sum += at(f.get("L"), i1, i2, j1, a) * at(f.get("R"), a, i2, j1, j2);
            }
            w[i1 * i2n + i2][j1 * j2n + j2] = sum;
          }
        }
      }
    }
    assertClose(ReferenceEvaluator.materialize(s, f), w, 1e-12);
  }

  /**
   * Appendix, c = 3: T = Σ_{α1, α2} G1[i1 i2 i3][j1 α1] G2[α1 i2 i3][j1 j2 α2] G3[α2 i3][j1 j2 j3].
   */
  @Test
  void btt3IsTheAppendixSumWithThreeCores() {
    Structure s = bind("btt3", "d_in", 8, "d_out", 12, "r1", 2, "r2", 3);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 7, 1);
    int[] i = {s.size("o1"), s.size("o2"), s.size("o3")};
    int[] j = {s.size("i1"), s.size("i2"), s.size("i3")};
    double[][] w = new double[12][8];
    for (int a = 0; a < i[0]; a++) {
      for (int b = 0; b < i[1]; b++) {
        for (int c = 0; c < i[2]; c++) {
          for (int p = 0; p < j[0]; p++) {
            for (int q = 0; q < j[1]; q++) {
              for (int r = 0; r < j[2]; r++) {
                double sum = 0;
                for (int s1 = 0; s1 < 2; s1++) {
                  for (int s2 = 0; s2 < 3; s2++) {
                    sum +=
                        at(f.get("L"), a, b, c, p, s1)
                            * at(f.get("M"), s1, b, c, p, q, s2)
                            * at(f.get("R"), s2, c, p, q, r);
                  }
                }
                w[(a * i[1] + b) * i[2] + c][(p * j[1] + q) * j[2] + r] = sum;
              }
            }
          }
        }
      }
    }
    assertClose(ReferenceEvaluator.materialize(s, f), w, 1e-12);
  }

  @Test
  void blockDiagonalIsZeroOffTheBlocks() {
    Structure s = bind("blockdiag", "d_in", 8, "d_out", 12, "blocks", 4);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 8, 1);
    double[][] w = new double[12][8];
    for (int g = 0; g < 4; g++) {
      for (int o = 0; o < 3; o++) {
        for (int i = 0; i < 2; i++) {
          w[g * 3 + o][g * 2 + i] = at(f.get("W"), g, o, i);
        }
      }
    }
    assertClose(ReferenceEvaluator.materialize(s, f), w, 1e-12);
  }

  /** With every gate at 1 the experts sum: BTT-MoE with E experts is BTT of rank E. */
  @Test
  void bttMoeWithAllGatesOpenIsBttOfRankE() {
    Structure moe = bind("btt_moe", "d_in", 16, "d_out", 16, "experts", 4, "k", 2);
    Structure btt = bind("btt", "d_in", 16, "d_out", 16, "rank", 4);
    Map<String, DoubleTensor> f = FactorValues.gaussian(moe, 9, 1);
    Map<String, DoubleTensor> renamed = new LinkedHashMap<>();
    f.forEach(
        (name, t) ->
            renamed.put(
                name,
                new DoubleTensor(
                    t.indices().stream().map(i -> i.equals("e") ? "r" : i).toList(),
                    t.shape(),
                    t.data())));
    assertClose(
        ReferenceEvaluator.materialize(moe, f),
        ReferenceEvaluator.materialize(btt, renamed),
        1e-12);
  }

  /**
   * einsum-search's per-layer dense MoE: y = Σ_e g_e(x) · W_e x, the experts being the slices of W
   * along its routed index; with gates written out per input, and with every gate open.
   */
  @Test
  void denseMoeIsTheGateWeightedSumOfItsSlices() {
    Structure s = bind("dense_moe", "d_in", 5, "d_out", 3, "experts", 4, "k", 2);
    assertThat(s.slicedRoutes()).containsExactly("e");
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 12, 1);
    double[][] x = {{1, -2, 0.5, 3, 0}, {0, 1, 1, -1, 2}};
    double[][] gates = {{0.75, 0, 0.25, 0}, {0, 0.5, 0, 0.5}};
    double[][] expected = new double[2][3];
    double[][] open = new double[3][5];
    for (int n = 0; n < 2; n++) {
      for (int e = 0; e < 4; e++) {
        for (int o = 0; o < 3; o++) {
          for (int i = 0; i < 5; i++) {
            expected[n][o] += gates[n][e] * at(f.get("W"), e, o, i) * x[n][i];
            open[o][i] += n == 0 ? at(f.get("W"), e, o, i) : 0;
          }
        }
      }
    }
    double[][] y =
        ReferenceEvaluator.apply(
            s, f, x, io.einstruct.dsl.plan.Planner.chain(s, 2), Map.of("e", gates));
    assertClose(y, expected, 1e-12);
    assertClose(ReferenceEvaluator.materialize(s, f), open, 1e-12);
  }

  /**
   * A routed layer is the gate-weighted sum of its experts, each the structure with its factors
   * sliced at one value of the routed index: what the compiler's dispatch computes.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"btt_moe", "dense_moe"})
  void aRoutedLayerIsTheGateWeightedSumOfItsExperts(String name) {
    Structure s = bind(name, "d_in", 16, "d_out", 16, "experts", 4, "k", 2);
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, 13, 1);
    double[][] x = new double[3][16];
    for (int n = 0; n < 3; n++) {
      for (int i = 0; i < 16; i++) {
        x[n][i] = Math.sin(7 * n + i);
      }
    }
    double[][] gates = {{0.6, 0, 0.4, 0}, {0, 0.5, 0, 0.5}, {0.1, 0, 0, 0.9}};
    double[][] expected =
        ReferenceEvaluator.apply(
            s, f, x, io.einstruct.dsl.plan.Planner.chain(s, 3), Map.of("e", gates));
    Structure one = s.expert("e");
    assertThat(one.routes()).isEmpty();
    assertThat(one.indices()).extracting(i -> i.name()).doesNotContain("e");
    double[][] sum = new double[3][16];
    for (int e = 0; e < 4; e++) {
      Map<String, DoubleTensor> slices = new LinkedHashMap<>();
      for (var factor : s.chain()) {
        slices.put(factor.name(), slice(f.get(factor.name()), "e", e));
      }
      double[][] y = ReferenceEvaluator.apply(one, slices, x);
      for (int n = 0; n < 3; n++) {
        for (int o = 0; o < 16; o++) {
          sum[n][o] += gates[n][e] * y[n][o];
        }
      }
    }
    assertClose(sum, expected, 1e-12);
  }

  /** {@code t} at {@code value} of {@code index}, that index removed. */
  private static DoubleTensor slice(DoubleTensor t, String index, int value) {
    int axis = t.indices().indexOf(index);
    if (axis < 0) {
      return t;
    }
    java.util.List<String> names = new java.util.ArrayList<>(t.indices());
    names.remove(axis);
    int[] shape = new int[t.shape().length - 1];
    for (int i = 0, j = 0; i < t.shape().length; i++) {
      if (i != axis) {
        shape[j++] = t.shape()[i];
      }
    }
    long[] strides = t.strides();
    double[] data = new double[(int) DoubleTensor.numel(shape)];
    int k = 0;
    for (int flat = 0; flat < t.data().length; flat++) {
      if ((flat / strides[axis]) % t.shape()[axis] == value) {
        data[k++] = t.data()[flat];
      }
    }
    return new DoubleTensor(names, shape, data);
  }

  private static double[][] matrix(DoubleTensor t, int rows, int columns) {
    double[][] m = new double[rows][columns];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        m[i][j] = at(t, i, j);
      }
    }
    return m;
  }

  /** A run directory named like a built-in must not hide it; a file of another name is read. */
  @Test
  void aBuiltInsNameWinsOverADirectoryOfThatName(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Files.createDirectory(dir.resolve("btt3"));
    java.nio.file.Files.writeString(
        dir.resolve("mine"),
        "structure mine(d_in, d_out) {\n  dim o = d_out\n  dim i = d_in\n"
            + "  y[o] = W[o, i] * x[i]\n}\n");
    Library library = Library.builtIns();
    assertThat(library.lookup(dir, "btt3", null).builtIn()).isTrue();
    assertThat(library.lookup(dir, "btt3", null).name()).isEqualTo("btt3");
    Template mine = library.lookup(dir, "mine", null);
    assertThat(mine.builtIn()).isFalse();
    assertThat(mine.name()).isEqualTo("mine");
  }
}
