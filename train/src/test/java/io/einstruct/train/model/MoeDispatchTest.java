package io.einstruct.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.data.Batch;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.Device;
import io.einstruct.train.tf.SessionOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The standard MoE that runs each expert on the tokens that chose it computes what the mixture that
 * runs every expert on every token computes: the same hidden states and loss, and after one Adam
 * step the same parameters (so the same gradients, router included).
 */
class MoeDispatchTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final SessionOptions CPU = new SessionOptions(1, 1, Device.CPU);
  private static final int CONTEXT = 6;

  @ParameterizedTest(name = "E = {0}, k = {1}, experts {2}")
  @CsvSource({"4, 2, dense", "4, 1, dense", "3, 3, dense", "4, 2, btt"})
  void dispatchEqualsTheDenseGatedMixture(int experts, int top, String expert) {
    StructureChoice dense = StructureChoice.dense(LIBRARY);
    StructureChoice e = new StructureChoice(LIBRARY.find(expert).orElseThrow(), Args.none());
    Map<Boolean, Map<String, float[]>> after = new HashMap<>();
    Map<Boolean, Float> losses = new HashMap<>();
    Map<Boolean, float[]> hidden = new HashMap<>();
    Map<String, float[]> start = null;
    int sequences = 4;
    int[] tokens = new int[sequences * CONTEXT];
    int[] labels = new int[sequences * CONTEXT];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = random.nextInt(16);
      labels[i] = random.nextInt(16);
    }
    Batch batch = Batch.text(tokens, labels, sequences);
    for (boolean dispatch : new boolean[] {false, true}) {
      TransformerBody body =
          new TransformerBody(
              16,
              1,
              2,
              2,
              16,
              dense,
              dense,
              new Moe(experts, top, e, dispatch),
              false,
              false,
              16,
              8,
              1,
              1);
      GptSpec spec = new GptSpec(16, CONTEXT, body, dense);
      try (Model model =
          spec.build(CompileOptions.defaults(), AdamConfig.of(1e-2), sequences, CPU)) {
        model.initialize(1);
        if (start == null) {
          start = randomised(model);
        }
        model.restore(start);
        hidden.put(dispatch, model.hidden(batch));
        losses.put(dispatch, model.evaluate(batch).loss());
        model.train(batch, 1.0, 1);
        after.put(dispatch, model.state());
        assertThat(model.liveTensors()).isZero();
      }
    }
    float[] a = hidden.get(false);
    float[] b = hidden.get(true);
    for (int i = 0; i < a.length; i++) {
      assertThat((double) b[i]).as("hidden %d", i).isCloseTo(a[i], within(1e-5));
    }
    assertThat((double) losses.get(true)).isCloseTo(losses.get(false), within(1e-5));
    for (String p : after.get(false).keySet()) {
      if (p.contains("k_norm.bias")) {
        // adding b to every key adds q·b to all of a query's logits, which the softmax ignores:
        // its gradient is 0 up to rounding, and Adam scales rounding noise up to a full step
        continue;
      }
      float[] x = after.get(false).get(p);
      float[] y = after.get(true).get(p);
      for (int i = 0; i < x.length; i++) {
        assertThat((double) y[i]).as("%s[%d] after a step", p, i).isCloseTo(x[i], within(1e-5));
      }
    }
  }

  /** Trainable values drawn afresh: a zero router would send every token everywhere alike. */
  private static Map<String, float[]> randomised(Model model) {
    SplittableRandom random = new SplittableRandom(9);
    Map<String, float[]> state = new HashMap<>(model.state());
    for (String name : List.copyOf(model.learningRateScales().keySet())) {
      float[] v = state.get(name).clone();
      for (int i = 0; i < v.length; i++) {
        double g = random.nextGaussian();
        v[i] = (float) (name.endsWith(".gain") ? 1 + 0.2 * g : 0.5 * g);
      }
      state.put(name, v);
    }
    return state;
  }
}
