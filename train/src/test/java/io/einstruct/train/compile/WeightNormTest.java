package io.einstruct.train.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.mup.FactorMuP;
import io.einstruct.dsl.mup.MuP;
import io.einstruct.dsl.mup.Optimizer;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Args;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A normalised layer equals the reference evaluator applied to its factors as the normalisation
 * defines them, γ · M / max(1, rms(M) / σ): factors pushed past their cap are scaled back to it,
 * factors below it are left alone, and without gains γ is 1.
 */
class WeightNormTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final int BATCH = 4;

  @ParameterizedTest(name = "gain {0}, factors × {1}")
  @CsvSource({"true, 3", "false, 3", "false, 0.5", "true, 0.5"})
  void capsEachFactorAtItsMuPScale(boolean gain, float push) {
    Structure s = LIBRARY.find("btt").orElseThrow().bind(Args.of(Map.of("d_in", 16, "d_out", 36)));
    CompileOptions options =
        new CompileOptions(
            new WeightNormOptions(true, WeightNormScope.STRUCTURED, gain), false, Lowering.AUTO);
    try (LayerHarness h =
        new LayerHarness(
            s, st -> new LayerSpec("layer", st, BATCH, false, false, 1.0, 1.0), options, 2)) {
      Map<String, float[]> values = new HashMap<>(h.values());
      Random random = new Random(4);
      for (String f : new String[] {"layer.L", "layer.R"}) {
        float[] v = values.get(f);
        for (int i = 0; i < v.length; i++) {
          v[i] *= push;
        }
      }
      if (gain) {
        values.put("layer.L.gain", new float[] {1.5f});
        values.put("layer.R.gain", new float[] {0.5f});
      } else {
        assertThat(values).doesNotContainKeys("layer.L.gain", "layer.R.gain");
      }
      h.load(values);
      float[] x = LayerCompilerTest.gaussian(random, BATCH * s.dIn());
      Map<String, DoubleTensor> normalised = new HashMap<>();
      for (FactorMuP m : MuP.of(s, Optimizer.ADAM, false)) {
        float[] v = values.get("layer." + m.factor());
        double square = 0;
        for (float value : v) {
          square += (double) value * value;
        }
        double excess = Math.max(1, Math.sqrt(square / v.length) / m.initStd());
        double g = gain ? values.get("layer." + m.factor() + ".gain")[0] : 1;
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          d[i] = g * v[i] / excess;
        }
        var factor = s.factor(m.factor());
        normalised.put(m.factor(), new DoubleTensor(factor.indexNames(), factor.shape(), d));
      }
      double[][] expected =
          ReferenceEvaluator.apply(
              s, normalised, LayerCompilerTest.rows(x, s.dIn()), Planner.chain(s, BATCH), Map.of());
      LayerCompilerTest.assertClose(h.forward(x, BATCH), expected, 1e-5, "weight norm");
      assertThat(h.tensors.live()).isZero();
    }
  }
}
