package io.einstruct.train.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every trainable parameter gets a gradient, and gradients match finite differences. */
class GradientTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final int BATCH = 3;

  @ParameterizedTest(name = "{0} {1} weight norm {2}")
  @CsvSource({
    "dense, EINSUM, false",
    "lowrank, EINSUM, false",
    "kron, BATCH_MATMUL, false",
    "monarch, EINSUM, false",
    "tt, BATCH_MATMUL, false",
    "btt, EINSUM, false",
    "btt, BATCH_MATMUL, true",
    "btt3, EINSUM, false",
    "blockdiag, BATCH_MATMUL, false",
    "btt_moe, EINSUM, false",
    "btt_moe, EINSUM, true",
    "dense, BATCH_MATMUL, false",
    "lowrank, BATCH_MATMUL, false",
    "monarch, BATCH_MATMUL, false",
    "btt3, BATCH_MATMUL, false",
    "btt_moe, BATCH_MATMUL, false",
    "dense_moe, EINSUM, false",
    "dense_moe, BATCH_MATMUL, false",
    "btt, AUTO, false"
  })
  void gradientsExistAndMatchFiniteDifferences(String name, Lowering lowering, boolean norm) {
    Map<String, Number> args = new LinkedHashMap<>(Map.of("d_in", 16, "d_out", 16));
    if (name.equals("monarch")) {
      args.put("blocks", 2);
    }
    if (name.equals("btt3")) {
      args.put("d_in", 27);
      args.put("d_out", 8);
    }
    if (name.equals("btt_moe") || name.equals("dense_moe")) {
      args.put("experts", 4);
    }
    Structure s = LIBRARY.find(name).orElseThrow().bind(Args.of(args));
    CompileOptions options =
        new CompileOptions(norm ? WeightNormOptions.all() : WeightNormOptions.OFF, false, lowering);
    try (LayerHarness h =
        new LayerHarness(
            s, st -> new LayerSpec("layer", st, BATCH, false, true, 1.0, 1.0), options, 5)) {
      Random random = new Random(9);
      Map<String, float[]> values = new HashMap<>(h.values());
      if (values.containsKey("layer.router")) {
        values.put(
            "layer.router", LayerCompilerTest.gaussian(random, values.get("layer.router").length));
      }
      if (norm) {
        // push every factor beyond its cap so that the normalisation is active
        for (Parameter p : h.trainable()) {
          if (p.name().endsWith(".L") || p.name().endsWith(".R")) {
            float[] v = values.get(p.name());
            for (int i = 0; i < v.length; i++) {
              v[i] *= 3;
            }
          }
        }
      }
      h.load(values);
      float[] x = LayerCompilerTest.gaussian(random, BATCH * s.dIn());
      float[] r = LayerCompilerTest.gaussian(random, BATCH * s.dOut());
      LayerHarness.Result result = h.lossAndGradients(x, r, BATCH);
      List<Parameter> params = h.trainable();
      assertThat(result.gradients()).hasSize(params.size());
      for (int k = 0; k < params.size(); k++) {
        Parameter p = params.get(k);
        float[] g = result.gradients().get(k);
        assertThat(maxAbs(g)).as("gradient of %s", p.name()).isGreaterThan(0f);
        checkFiniteDifferences(h, values, p, g, x, r, random, norm || p.name().contains("router"));
      }
      assertThat(h.tensors.live()).isZero();
    }
  }

  private static void checkFiniteDifferences(
      LayerHarness h,
      Map<String, float[]> values,
      Parameter p,
      float[] gradient,
      float[] x,
      float[] r,
      Random random,
      boolean curved) {
    float eps = curved ? 1e-2f : 0.25f;
    for (int trial = 0; trial < 4; trial++) {
      int i = random.nextInt(gradient.length);
      float[] v = values.get(p.name());
      float original = v[i];
      v[i] = original + eps;
      h.load(values);
      double plus = h.lossAndGradients(x, r, BATCH).loss();
      v[i] = original - eps;
      h.load(values);
      double minus = h.lossAndGradients(x, r, BATCH).loss();
      v[i] = original;
      h.load(values);
      double numeric = (plus - minus) / (2 * eps);
      double tolerance = (curved ? 3e-2 : 5e-3) * Math.max(1, Math.abs(numeric));
      assertThat((double) gradient[i])
          .as("d loss / d %s[%d]", p.name(), i)
          .isCloseTo(numeric, org.assertj.core.api.Assertions.within(tolerance));
    }
  }

  private static float maxAbs(float[] v) {
    float m = 0;
    for (float f : v) {
      m = Math.max(m, Math.abs(f));
    }
    return m;
  }
}
