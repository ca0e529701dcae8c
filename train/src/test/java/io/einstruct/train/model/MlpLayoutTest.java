package io.einstruct.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.ActivationLayout;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.ContractionOrder;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.data.Batch;
import io.einstruct.train.data.Loss;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.Device;
import io.einstruct.train.tf.SessionOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MLP computes the same function in both activation layouts: its hidden state equals a
 * double-precision forward pass written out with every layer applied by the reference evaluator,
 * and one Adam step from the same state leaves the same parameters (so the gradients agree), for
 * every structure that can fill it and both lowerings.
 */
class MlpLayoutTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final SessionOptions CPU = new SessionOptions(1, 1, Device.CPU);
  private static final int BATCH = 6;
  private static final int INPUT = 36;

  static Stream<Arguments> cases() {
    return Stream.of("dense", "lowrank", "kron", "monarch", "tt", "btt", "btt3", "blockdiag")
        .flatMap(
            s -> Stream.of(Lowering.EINSUM, Lowering.BATCH_MATMUL).map(l -> Arguments.of(s, l)));
  }

  private static MlpSpec spec(String name) {
    Map<String, Integer> args =
        switch (name) {
          case "monarch", "blockdiag" -> Map.of("blocks", 2);
          case "btt", "tt" -> Map.of("rank", 2);
          default -> Map.of();
        };
    StructureChoice s = new StructureChoice(LIBRARY.find(name).orElseThrow(), Args.of(args));
    StructureChoice dense = StructureChoice.dense(LIBRARY);
    int width = name.equals("btt3") ? 64 : 16;
    return new MlpSpec(
        INPUT,
        4,
        width,
        2,
        4,
        s,
        name.equals("btt3") ? dense : s,
        dense,
        Loss.CROSS_ENTROPY,
        8,
        0.1,
        4);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void bothLayoutsComputeTheReferenceForwardAndTheSameStep(String name, Lowering lowering) {
    MlpSpec spec = spec(name);
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[BATCH * INPUT];
    float[] y = new float[BATCH * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int n = 0; n < BATCH; n++) {
      y[n * 4 + random.nextInt(4)] = 1;
    }
    Batch batch = Batch.dense(x, y, BATCH);
    Map<String, float[]> start = null;
    Map<ActivationLayout, Map<String, float[]>> after = new HashMap<>();
    for (ActivationLayout layout : List.of(ActivationLayout.ROWS, ActivationLayout.COLUMNS)) {
      CompileOptions options =
          CompileOptions.defaults().with(lowering, ContractionOrder.PLANNED).with(layout);
      try (Model model = spec.build(options, AdamConfig.of(1e-2), BATCH, CPU)) {
        model.initialize(3);
        if (start == null) {
          start = randomised(model, 5);
        }
        model.restore(start);
        float[] hidden = model.hidden(batch);
        double[][] expected = reference(spec, start, x);
        for (int n = 0; n < BATCH; n++) {
          for (int i = 0; i < spec.width(); i++) {
            assertThat((double) hidden[n * spec.width() + i])
                .as("%s %s %s: example %d, feature %d", name, lowering, layout, n, i)
                .isCloseTo(expected[n][i], within(2e-4));
          }
        }
        model.train(batch, 1.0, 1);
        after.put(layout, model.state());
        assertThat(model.liveTensors()).isZero();
      }
    }
    Map<String, float[]> rows = after.get(ActivationLayout.ROWS);
    Map<String, float[]> columns = after.get(ActivationLayout.COLUMNS);
    assertThat(columns.keySet()).isEqualTo(rows.keySet());
    for (String p : rows.keySet()) {
      float[] a = rows.get(p);
      float[] b = columns.get(p);
      for (int i = 0; i < a.length; i++) {
        assertThat((double) b[i])
            .as("%s after one step: %s[%d]", name, p, i)
            .isCloseTo(a[i], within(1e-4));
      }
    }
  }

  /** The automatic layout: columns where block layers batch over a factor index, as measured. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}: {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "dense, ROWS",
    "lowrank, ROWS",
    "kron, ROWS",
    "tt, ROWS",
    "btt, COLUMNS",
    "monarch, COLUMNS",
    "blockdiag, COLUMNS",
    "btt_moe, ROWS"
  })
  void automaticLayoutFollowsTheStructure(String name, ActivationLayout expected) {
    StructureChoice s = new StructureChoice(LIBRARY.find(name).orElseThrow(), Args.none());
    StructureChoice dense = StructureChoice.dense(LIBRARY);
    MlpSpec spec = new MlpSpec(INPUT, 4, 16, 2, 4, s, dense, dense, Loss.CROSS_ENTROPY, 8, 0.1, 4);
    assertThat(MlpBuilder.layout(spec.layers(), ActivationLayout.AUTO)).isEqualTo(expected);
    // routed layers need rows whatever is asked for
    if (name.equals("btt_moe")) {
      assertThat(MlpBuilder.layout(spec.layers(), ActivationLayout.COLUMNS))
          .isEqualTo(ActivationLayout.ROWS);
    }
  }

  /** Every trainable value drawn afresh, so that zero-initialised layers take part. */
  private static Map<String, float[]> randomised(Model model, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, float[]> state = new HashMap<>(model.state());
    for (String name : List.copyOf(model.learningRateScales().keySet())) {
      float[] v = state.get(name).clone();
      for (int i = 0; i < v.length; i++) {
        double g = random.nextGaussian();
        v[i] = (float) (name.endsWith(".gain") ? 1 + 0.2 * g : 0.3 * g);
      }
      state.put(name, v);
    }
    return state;
  }

  /** The MLP's final LayerNorm output in double precision: [N][width]. */
  private static double[][] reference(MlpSpec spec, Map<String, float[]> state, float[] x) {
    List<LayerPlan> plan = spec.layers();
    double[][] h = new double[BATCH][INPUT];
    for (int n = 0; n < BATCH; n++) {
      for (int i = 0; i < INPUT; i++) {
        h[n][i] = x[n * INPUT + i];
      }
    }
    h = gelu(linear(plan.get(0), state, h));
    for (int b = 0; b < spec.depth(); b++) {
      double[][] u =
          gelu(linear(plan.get(1 + 2 * b), state, norm(state, "blocks." + b + ".norm", h)));
      double[][] branch = linear(plan.get(2 + 2 * b), state, u);
      for (int n = 0; n < BATCH; n++) {
        for (int i = 0; i < h[n].length; i++) {
          h[n][i] += branch[n][i];
        }
      }
    }
    return norm(state, "final_norm", h);
  }

  private static double[][] linear(LayerPlan layer, Map<String, float[]> state, double[][] x) {
    Map<String, DoubleTensor> factors = new HashMap<>();
    for (Factor f : layer.structure().chain()) {
      float[] v = state.get(layer.name() + "." + f.name());
      double[] d = new double[v.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = v[i];
      }
      factors.put(f.name(), new DoubleTensor(f.indexNames(), f.shape(), d));
    }
    double[][] y = ReferenceEvaluator.apply(layer.structure(), factors, x);
    float[] bias = state.get(layer.name() + ".bias");
    for (double[] row : y) {
      for (int i = 0; i < row.length; i++) {
        row[i] += bias[i];
      }
    }
    return y;
  }

  private static double[][] gelu(double[][] x) {
    for (double[] row : x) {
      for (int i = 0; i < row.length; i++) {
        row[i] = 0.5 * row[i] * (1 + Erf.erf(row[i] / Math.sqrt(2)));
      }
    }
    return x;
  }

  private static double[][] norm(Map<String, float[]> state, String name, double[][] x) {
    float[] gain = state.get(name + ".gain");
    float[] bias = state.get(name + ".bias");
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      double mean = 0;
      for (double v : x[r]) {
        mean += v / x[r].length;
      }
      double var = 0;
      for (double v : x[r]) {
        var += (v - mean) * (v - mean) / x[r].length;
      }
      y[r] = new double[x[r].length];
      for (int i = 0; i < x[r].length; i++) {
        y[r][i] = (x[r][i] - mean) / Math.sqrt(var + 1e-5) * gain[i] + bias[i];
      }
    }
    return y;
  }
}
