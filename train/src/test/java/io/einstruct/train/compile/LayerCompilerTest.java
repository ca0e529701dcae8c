package io.einstruct.train.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.RandomStructures;
import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.Gates;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Route;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Args;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two implementations check each other: every compiled layer equals the double-precision reference
 * evaluator of einsum-dsl on random inputs.
 */
class LayerCompilerTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final int BATCH = 5;

  static List<Arguments> builtIns() {
    List<Arguments> cases = new java.util.ArrayList<>();
    Object[][] table = {
      {"dense", 24, 20, Map.of()},
      {"lowrank", 36, 16, Map.of("rank", 3)},
      {"kron", 36, 20, Map.of()},
      {"monarch", 32, 48, Map.of("blocks", 2)},
      {"tt", 36, 36, Map.of("rank", 2)},
      {"btt", 36, 20, Map.of("rank", 2)},
      {"btt3", 64, 27, Map.of("r1", 2, "r2", 3)},
      {"blockdiag", 24, 36, Map.of("blocks", 3)},
      {"btt_moe", 36, 36, Map.of("experts", 4, "k", 2)},
      {"dense_moe", 12, 20, Map.of("experts", 4, "k", 2)}
    };
    // every built-in is in the table
    assertThat(java.util.Arrays.stream(table).map(row -> (String) row[0]).toList())
        .containsExactlyInAnyOrderElementsOf(Library.BUILT_INS);
    for (Lowering lowering : Lowering.values()) {
      for (ContractionOrder order : ContractionOrder.values()) {
        for (Object[] row : table) {
          cases.add(Arguments.of(row[0], row[1], row[2], row[3], lowering, order));
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}->{2} {3} {4} {5}")
  @MethodSource("builtIns")
  void builtInMatchesTheReferenceEvaluator(
      String name,
      int dIn,
      int dOut,
      Map<String, Integer> params,
      Lowering lowering,
      ContractionOrder order) {
    Map<String, Number> args = new LinkedHashMap<>(Map.of("d_in", dIn, "d_out", dOut));
    args.putAll(params);
    Structure s = LIBRARY.find(name).orElseThrow().bind(Args.of(args));
    assertMatchesReference(s, lowering, order, 17);
  }

  @Test
  void randomStructuresMatchTheReferenceEvaluator() {
    for (int seed = 0; seed < 30; seed++) {
      Structure s = RandomStructures.chain(1 + seed % 4, 1000 + seed);
      assertMatchesReference(
          s,
          seed % 2 == 0 ? Lowering.EINSUM : Lowering.BATCH_MATMUL,
          seed % 4 < 2 ? ContractionOrder.PLANNED : ContractionOrder.CHAIN,
          seed);
    }
  }

  @Test
  void paddedStructureMatchesTheReferenceEvaluator() {
    Structure s =
        io.einstruct.dsl.Sources.bind(
            """
        structure padded(d_in, d_out) {
          allow padding
          dims c, d = split(18)
          dims a, b = split(15)
          y[a, b] = L[a, b, c] * R[b, c, d] * x[c, d]
        }
        """,
            Map.of("d_in", 16, "d_out", 16));
    assertMatchesReference(s, Lowering.EINSUM, ContractionOrder.PLANNED, 3);
    assertMatchesReference(s, Lowering.BATCH_MATMUL, ContractionOrder.CHAIN, 4);
  }

  private static void assertMatchesReference(
      Structure s, Lowering lowering, ContractionOrder order, long seed) {
    CompileOptions options = new CompileOptions(WeightNormOptions.OFF, false, lowering, order);
    try (LayerHarness h =
        new LayerHarness(
            s, st -> new LayerSpec("layer", st, BATCH, false, false, 1.0, 1.0), options, seed)) {
      Map<String, float[]> values = new HashMap<>(h.values());
      Random random = new Random(seed);
      float[] x = gaussian(random, BATCH * s.dIn());
      Map<String, double[][]> gates = new HashMap<>();
      for (Route route : s.routes()) {
        float[] router = gaussian(random, s.dIn() * route.experts());
        values.put("layer.router", router);
        gates.put(
            route.index(), Gates.topK(logits(x, router, s.dIn(), route.experts()), route.top()));
      }
      h.load(values);
      float[] actual = h.forward(x, BATCH);
      double[][] expected =
          ReferenceEvaluator.apply(
              s, factors(s, values), rows(x, s.dIn()), Planner.chain(s, BATCH), gates);
      assertClose(actual, expected, 1e-5, s + " " + lowering + " " + order);

      assertThat(h.tensors.live()).isZero();
    }
  }

  static Map<String, DoubleTensor> factors(Structure s, Map<String, float[]> values) {
    Map<String, DoubleTensor> factors = new HashMap<>();
    for (Factor f : s.chain()) {
      float[] v = values.get("layer." + f.name());
      double[] d = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        d[i] = v[i];
      }
      factors.put(f.name(), new DoubleTensor(f.indexNames(), f.shape(), d));
    }
    return factors;
  }

  static double[][] rows(float[] flat, int width) {
    double[][] rows = new double[flat.length / width][width];
    for (int i = 0; i < flat.length; i++) {
      rows[i / width][i % width] = flat[i];
    }
    return rows;
  }

  private static double[][] logits(float[] x, float[] router, int dIn, int experts) {
    double[][] logits = new double[x.length / dIn][experts];
    for (int n = 0; n < logits.length; n++) {
      for (int e = 0; e < experts; e++) {
        for (int i = 0; i < dIn; i++) {
          logits[n][e] += (double) x[n * dIn + i] * router[i * experts + e];
        }
      }
    }
    return logits;
  }

  static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** Max absolute error relative to the largest expected magnitude. */
  static void assertClose(float[] actual, double[][] expected, double tolerance, String what) {
    int width = expected[0].length;
    assertThat(actual).hasSize(expected.length * width);
    double scale = 1e-30;
    double error = 0;
    for (int i = 0; i < actual.length; i++) {
      double e = expected[i / width][i % width];
      scale = Math.max(scale, Math.abs(e));
      error = Math.max(error, Math.abs(actual[i] - e));
    }
    assertThat(error / scale).as("relative error of %s", what).isLessThan(tolerance);
  }
}
