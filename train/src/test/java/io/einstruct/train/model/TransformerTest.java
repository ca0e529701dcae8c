package io.einstruct.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.compile.WeightNormScope;
import io.einstruct.train.data.Augmentation;
import io.einstruct.train.data.Batch;
import io.einstruct.train.data.ImageBatches;
import io.einstruct.train.data.ImageDatasets;
import io.einstruct.train.data.ImageShape;
import io.einstruct.train.data.TinyData;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.Device;
import io.einstruct.train.tf.SessionOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class TransformerTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final SessionOptions CPU = new SessionOptions(1, 1, Device.CPU);
  private static final int CONTEXT = 8;

  @TempDir Path dir;

  private static StructureChoice choice(String name) {
    return new StructureChoice(LIBRARY.find(name).orElseThrow(), Args.none());
  }

  private static TransformerBody body(
      StructureChoice attention, StructureChoice ffn, Moe moe, boolean vit) {
    return TransformerBody.legacy(16, 1, 2, 2, 16, attention, ffn, moe, vit, vit);
  }

  private static GptSpec gpt(StructureChoice s, Moe moe) {
    return new GptSpec(256, CONTEXT, body(s, s, moe, false), StructureChoice.dense(LIBRARY));
  }

  private static VitSpec vit(StructureChoice s) {
    return new VitSpec(
        new ImageShape(1, 8, 8),
        4,
        4,
        body(s, s, null, true),
        s,
        StructureChoice.dense(LIBRARY),
        1.0);
  }

  /** Text with structure to learn: a repeated phrase with one random letter in ten. */
  private static Batch text(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    String phrase = "the cat sat on the mat. ";
    int[] tokens = new int[size * CONTEXT];
    int[] labels = new int[size * CONTEXT];
    for (int n = 0; n < size; n++) {
      int start = random.nextInt(phrase.length());
      for (int t = 0; t <= CONTEXT; t++) {
        int c = phrase.charAt((start + t) % phrase.length());
        if (random.nextInt(10) == 0) {
          c = 'a' + random.nextInt(26);
        }
        if (t < CONTEXT) {
          tokens[n * CONTEXT + t] = c;
        }
        if (t > 0) {
          labels[n * CONTEXT + t - 1] = c;
        }
      }
    }
    return Batch.text(tokens, labels, size);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.einstruct.dsl.library.Library#BUILT_INS")
  void gptLearnsWithEveryBuiltIn(String name) {
    try (Model model = gpt(choice(name), null).build(opts(), AdamConfig.of(1e-2), 16, CPU)) {
      model.initialize(1);
      Batch probe = text(99, 16);
      float first = model.evaluate(probe).loss();
      // the head starts at zero: every logit is 0 and the loss is ln(vocab)
      assertThat((double) first).isCloseTo(Math.log(256), within(1e-4));
      for (int step = 1; step <= 25; step++) {
        StepResult r = model.train(text(step, 16), 1.0, step);
        assertThat(r.loss()).isFinite();
      }
      assertThat(model.evaluate(probe).loss()).isLessThan(first * 0.6f);
      assertThat(model.liveTensors()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.einstruct.dsl.library.Library#BUILT_INS")
  void vitLearnsWithEveryBuiltIn(String name) throws IOException {
    ImageBatches data =
        new ImageBatches(
            ImageDatasets.idx("tiny", TinyData.mnistLike(dir, 256, 64, 1)),
            32,
            0,
            Augmentation.none());
    try (Model model = vit(choice(name)).build(opts(), AdamConfig.of(1e-2), 32, CPU)) {
      model.initialize(2);
      Batch test = data.test(64).get(0);
      float first = model.evaluate(test).loss();
      assertThat((double) first).isCloseTo(Math.log(4), within(1e-5));
      for (int step = 0; step < 50; step++) {
        model.train(data.batch(step / 8, step % 8), 1.0, step + 1);
      }
      assertThat(model.evaluate(test).loss()).isLessThan(first * 0.7f);
      assertThat(model.liveTensors()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CAUSAL")
  void gptAttendsOnlyToThePast(String name) {
    Moe moe = name.equals("moe") ? new Moe(4, 2, StructureChoice.dense(LIBRARY)) : null;
    StructureChoice s = choice(name.equals("moe") ? "dense" : name);
    try (Model model = gpt(s, moe).build(opts(), AdamConfig.of(1e-2), 4, CPU)) {
      model.initialize(3);
      // residual outputs start at zero, so train first: otherwise no position sees another
      for (int step = 1; step <= 5; step++) {
        model.train(text(step, 4), 1.0, step);
      }
      Batch batch = text(50, 4);
      int[] future = batch.tokens().clone();
      int[] past = batch.tokens().clone();
      for (int n = 0; n < 4; n++) {
        future[n * CONTEXT + CONTEXT - 1] = (future[n * CONTEXT + CONTEXT - 1] + 1) % 256;
        past[n * CONTEXT] = (past[n * CONTEXT] + 1) % 256;
      }
      float[] base = model.hidden(batch);
      float[] changedFuture = model.hidden(Batch.text(future, batch.labels(), 4));
      float[] changedPast = model.hidden(Batch.text(past, batch.labels(), 4));
      int d = 16;
      for (int n = 0; n < 4; n++) {
        for (int t = 0; t < CONTEXT; t++) {
          int at = (n * CONTEXT + t) * d;
          float[] a = Arrays.copyOfRange(base, at, at + d);
          float[] f = Arrays.copyOfRange(changedFuture, at, at + d);
          float[] p = Arrays.copyOfRange(changedPast, at, at + d);
          if (t < CONTEXT - 1) {
            assertThat(f).as("position %d of sequence %d saw the future", t, n).containsExactly(a);
          } else {
            assertThat(f).as("the changed position itself").isNotEqualTo(a);
          }
          if (t > 0) {
            assertThat(maxDifference(a, p))
                .as("position %d of sequence %d sees the first token", t, n)
                .isGreaterThan(1e-6);
          }
        }
      }
    }
  }

  static final java.util.List<String> CAUSAL = java.util.List.of("dense", "btt_moe", "moe");

  @Test
  void countsAttentionTheHeadAndOnlyTheChosenExperts() {
    StructureChoice dense = choice("dense");
    int d = 16;
    int wide = 2 * d;
    long layerMacs = 4L * d * d + 2L * d * wide;
    long attention = 2L * CONTEXT * CONTEXT * d;
    ModelInfo info = gpt(dense, null).info(WeightNormOptions.OFF);
    assertThat(info.forwardMacs()).isEqualTo(CONTEXT * (layerMacs + d * 256L) + attention);
    assertThat(info.tokens()).isEqualTo(CONTEXT);
    assertThat(info.macsPerToken()).isEqualTo((double) info.forwardMacs() / CONTEXT);

    Moe moe = new Moe(4, 2, dense);
    ModelInfo routed = gpt(dense, moe).info(WeightNormOptions.OFF);
    // 2 of 4 experts per token, each a whole FFN, plus the d → E router
    long moeLayer = 4L * d * d + 2 * (2L * d * wide) + d * 4L;
    assertThat(routed.forwardMacs()).isEqualTo(CONTEXT * (moeLayer + d * 256L) + attention);
    assertThat(routed.routed()).isTrue();
    assertThat(routed.layers()).extracting(LayerInfo::name).contains("blocks.0.ffn.router");
  }

  @Test
  void specsCountWhatTheGraphHolds() throws IOException {
    for (ModelSpec spec :
        java.util.List.of(
            gpt(choice("btt"), null),
            gpt(choice("btt_moe"), null),
            gpt(choice("dense"), new Moe(4, 2, StructureChoice.dense(LIBRARY))),
            vit(choice("monarch")))) {
      for (WeightNormOptions weightNorm :
          java.util.List.of(
              WeightNormOptions.OFF,
              WeightNormOptions.all(),
              WeightNormOptions.structured(),
              new WeightNormOptions(true, WeightNormScope.STRUCTURED, false))) {
        CompileOptions options = new CompileOptions(weightNorm, false, opts().lowering());
        // the builder checks the count against the graph's variables and throws on a mismatch
        try (Model model = spec.build(options, AdamConfig.of(1e-3), 4, CPU)) {
          assertThat(model.info()).isEqualTo(spec.info(weightNorm));
        }
      }
    }
  }

  @Test
  void givesEveryTensorItsMuPRateAndStart() {
    TransformerBody wide =
        TransformerBody.legacy(64, 1, 2, 2, 16, choice("btt"), choice("btt"), null, true, true);
    VitSpec spec =
        new VitSpec(
            new ImageShape(1, 8, 8),
            4,
            4,
            wide,
            choice("btt"),
            StructureChoice.dense(LIBRARY),
            1.0);
    try (Model model = spec.build(opts(), AdamConfig.of(1e-3), 4, CPU)) {
      Map<String, Double> scales = model.learningRateScales();
      // width 64, d0 16: dense multiplier 1/4; BTT 64 → 64 has κ = (64 / 8) / 2 = 4
      assertThat(scales.get("blocks.0.attn.k.R")).isCloseTo(0.25 * 4, within(1e-12));
      assertThat(scales.get("head.W")).isCloseTo(0.25, within(1e-12));
      assertThat(scales.get("cls")).isEqualTo(1.0);
      assertThat(scales.get("pos")).isEqualTo(1.0);
      assertThat(scales.get("blocks.0.attn.q_norm.gain")).isEqualTo(1.0);
      model.initialize(5);
      Map<String, float[]> state = model.state();
      // the ViT's query starts at zero (its last factor), as do the residual outputs and head
      for (String zero :
          java.util.List.of("blocks.0.attn.q.L", "blocks.0.attn.out.L", "blocks.0.ffn.fc2.L")) {
        assertThat(state.get(zero)).as(zero).containsOnly(0f);
      }
      assertThat(state.get("head.W")).containsOnly(0f);
      assertThat(state.get("blocks.0.attn.k.L")).isNotEqualTo(new float[64 * 8]);
    }
    // d_head 32 at width 64, 8 at d0 16: scale √8 / 32, 1/√8 at the base width
    assertThat(wide.attentionScale()).isCloseTo(Math.sqrt(8) / 32, within(1e-12));
  }

  @Test
  void routersReportTheirSpread() {
    try (Model model = gpt(choice("btt_moe"), null).build(opts(), AdamConfig.of(1e-2), 16, CPU)) {
      model.initialize(1);
      StepResult r = model.train(text(1, 16), 1.0, 1);
      // routers start at zero: every distribution is uniform over the 8 experts
      assertThat((double) r.router().perToken()).isCloseTo(8, within(1e-3));
      assertThat((double) r.router().aggregate()).isCloseTo(8, within(1e-3));
      assertThat(r.auxLoss()).isPositive();
    }
    try (Model model = gpt(choice("dense"), null).build(opts(), AdamConfig.of(1e-2), 4, CPU)) {
      model.initialize(1);
      StepResult r = model.train(text(1, 4), 1.0, 1);
      assertThat(r.router().perToken()).isNaN();
      assertThat(r.auxLoss()).isZero();
    }
  }

  @Test
  void refusesShapesThatDoNotFit() {
    assertThatThrownBy(
            () ->
                TransformerBody.legacy(
                    18, 1, 4, 2, 16, choice("dense"), choice("dense"), null, false, false))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("heads: ")
        .hasMessageContaining("18");
    assertThatThrownBy(
            () ->
                new VitSpec(
                    new ImageShape(1, 8, 8),
                    4,
                    3,
                    body(choice("dense"), choice("dense"), null, true),
                    choice("dense"),
                    choice("dense"),
                    1.0))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith("patch: ");
  }

  private static CompileOptions opts() {
    return CompileOptions.defaults();
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
