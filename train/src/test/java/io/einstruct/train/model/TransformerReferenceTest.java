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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled GPT equals {@link ReferenceGpt}, the forward pass written out in double precision
 * with every layer applied by the DSL's reference evaluator, in each way the blocks can be set up:
 * as einstruct first built them, as the papers ran them (8/d_head, depth-μP branch multipliers),
 * and with the attention width and head width decoupled from the model width.
 */
class TransformerReferenceTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final SessionOptions CPU = new SessionOptions(1, 1, Device.CPU);
  private static final int VOCAB = 16;
  private static final int CONTEXT = 5;

  private static StructureChoice choice(String name) {
    return new StructureChoice(LIBRARY.find(name).orElseThrow(), Args.none());
  }

  static Stream<Arguments> bodies() {
    StructureChoice dense = choice("dense");
    StructureChoice btt = choice("btt");
    return Stream.of(
        Arguments.of(
            "legacy: A = d, √(d0/heads)/d_head",
            TransformerBody.legacy(16, 2, 2, 2, 16, dense, dense, null, false, false)),
        Arguments.of(
            "papers: 8/d_head, base expansion 1, branches × √(3/2)",
            new TransformerBody(
                16, 2, 2, 2, 8, dense, btt, null, false, false, 16, 8.0, 1, Math.sqrt(1.5))),
        Arguments.of(
            "decoupled: A = 8, d_head 4, structured attention",
            new TransformerBody(16, 1, 2, 4, 8, btt, dense, null, false, false, 8, 8.0, 1, 0.7)),
        Arguments.of(
            "4 heads, c = 3, base expansion 2, low-rank head",
            new TransformerBody(
                16, 1, 4, 2, 16, dense, dense, null, false, false, 16, 3.0, 2, 1.0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void gptEqualsTheReferenceForwardPass(String label, TransformerBody body) {
    StructureChoice head =
        label.endsWith("low-rank head") ? choice("lowrank") : StructureChoice.dense(LIBRARY);
    GptSpec spec = new GptSpec(VOCAB, CONTEXT, body, head);
    int sequences = 3;
    try (Model model = spec.build(CompileOptions.defaults(), AdamConfig.of(1e-3), sequences, CPU)) {
      model.initialize(3);
      Map<String, float[]> state = randomised(model, 11);
      model.restore(state);
      int[][] tokens = new int[sequences][CONTEXT];
      SplittableRandom random = new SplittableRandom(5);
      int[] flat = new int[sequences * CONTEXT];
      for (int n = 0; n < sequences; n++) {
        for (int t = 0; t < CONTEXT; t++) {
          tokens[n][t] = random.nextInt(VOCAB);
          flat[n * CONTEXT + t] = tokens[n][t];
        }
      }
      int[][] labels = new int[sequences][CONTEXT];
      int[] flatLabels = new int[sequences * CONTEXT];
      for (int n = 0; n < sequences; n++) {
        for (int t = 0; t < CONTEXT; t++) {
          labels[n][t] = random.nextInt(VOCAB);
          flatLabels[n * CONTEXT + t] = labels[n][t];
        }
      }
      Batch batch = Batch.text(flat, flatLabels, sequences);
      float[] hidden = model.hidden(batch);
      ReferenceGpt reference = new ReferenceGpt(spec, state);
      double[][][] expected = reference.hidden(tokens);
      // the head too, through the loss
      assertThat((double) model.evaluate(batch).loss())
          .as("%s: loss", label)
          .isCloseTo(reference.loss(tokens, labels), within(2e-4));
      int d = body.width();
      for (int n = 0; n < sequences; n++) {
        for (int t = 0; t < CONTEXT; t++) {
          for (int i = 0; i < d; i++) {
            assertThat((double) hidden[(n * CONTEXT + t) * d + i])
                .as("%s: sequence %d, position %d, feature %d", label, n, t, i)
                .isCloseTo(expected[n][t][i], within(2e-4));
          }
        }
      }
      assertThat(model.liveTensors()).isZero();
    }
  }

  /**
   * The model's state with every trainable value drawn afresh: the zero-initialised outputs of
   * residual branches would otherwise hide the branch multiplier and the attention output.
   */
  private static Map<String, float[]> randomised(Model model, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, float[]> state = new HashMap<>(model.state());
    for (String name : List.copyOf(model.learningRateScales().keySet())) {
      float[] values = state.get(name).clone();
      boolean gain = name.endsWith(".gain");
      for (int i = 0; i < values.length; i++) {
        double g = random.nextGaussian();
        values[i] = (float) (gain ? 1 + 0.2 * g : 0.4 * g);
      }
      state.put(name, values);
    }
    return state;
  }
}
