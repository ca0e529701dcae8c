package io.einstruct.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.data.Augmentation;
import io.einstruct.train.data.Batch;
import io.einstruct.train.data.ImageBatches;
import io.einstruct.train.data.ImageDatasets;
import io.einstruct.train.data.Loss;
import io.einstruct.train.data.TinyData;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  private static StructureChoice choice(String name, Map<String, Integer> params) {
    return new StructureChoice(LIBRARY.find(name).orElseThrow(), Args.of(params));
  }

  private static Model build(StructureChoice hidden, StructureChoice input, int width) {
    MlpSpec spec =
        new MlpSpec(
            64,
            4,
            width,
            2,
            4,
            hidden,
            input,
            StructureChoice.dense(LIBRARY),
            Loss.CROSS_ENTROPY,
            16,
            0.1,
            4);
    return MlpBuilder.build(
        spec,
        CompileOptions.defaults(),
        AdamConfig.of(3e-3),
        32,
        new SessionOptions(1, 1, io.einstruct.train.tf.Device.CPU));
  }

  @Test
  void startsAtTheUniformPredictionAndLearns() throws IOException {
    ImageBatches data =
        new ImageBatches(
            ImageDatasets.idx("tiny", TinyData.mnistLike(dir, 256, 64, 1)),
            32,
            0,
            Augmentation.none());
    StructureChoice btt = choice("btt", Map.of());
    try (Model model = build(btt, btt, 16)) {
      model.initialize(0);
      Batch test = data.test(64).get(0);
      // head and last factors start at zero, so every logit is 0 and the loss is exactly
      // ln(classes)
      Model.Evaluation first = model.evaluate(test);
      assertThat((double) first.loss()).isCloseTo(Math.log(4), within(1e-6));
      for (int step = 0; step < 30; step++) {
        model.train(data.batch(step / 8, step % 8), 1.0, step + 1);
      }
      assertThat(model.evaluate(test).loss()).isLessThan(first.loss() * 0.5f);
      assertThat(model.liveTensors()).isZero();
    }
  }

  @Test
  void countsEveryLinearLayer() {
    StructureChoice dense = StructureChoice.dense(LIBRARY);
    try (Model model = build(dense, dense, 16)) {
      long expected = 64 * 16 + 2 * (16 * 64 + 64 * 16) + 16 * 4;
      assertThat(model.info().forwardMacs()).isEqualTo(expected);
      assertThat(model.info().layers())
          .extracting(LayerInfo::name)
          .containsExactly(
              "input", "blocks.0.fc1", "blocks.0.fc2", "blocks.1.fc1", "blocks.1.fc2", "head");
      // weights + biases + layer norms (2 blocks + final): 3 × 2 × 16
      long biases = 16 + 2 * (64 + 16) + 4;
      assertThat(model.info().params()).isEqualTo(expected + biases + 3 * 2 * 16);
    }
  }

  @Test
  void givesEachVariableItsMuPRate() {
    StructureChoice btt = choice("btt", Map.of());
    try (Model model = build(btt, btt, 64)) {
      Map<String, Double> scales = model.learningRateScales();
      // d0 = 16, width 64: hidden dense rate 16/64; BTT 64 -> 256: κ = (64 / 8) / 2 = 4
      assertThat(scales.get("blocks.0.fc1.R")).isCloseTo(0.25 * 4, within(1e-12));
      // fc2 256 -> 64: d_in at base width 64 over 256, κ = (256 / 16) / 2 = 8
      assertThat(scales.get("blocks.0.fc2.L")).isCloseTo(0.25 * 8, within(1e-12));
      // input 64 -> 64: fan-in fixed (multiplier 1), κ = (64 / 8) / 2 = 4, input factor 0.1
      assertThat(scales.get("input.R")).isCloseTo(0.1 * 4, within(1e-12));
      assertThat(scales.get("head.W")).isCloseTo(0.25, within(1e-12));
      assertThat(scales.get("blocks.0.norm.gain")).isEqualTo(1.0);
      assertThat(scales.get("head.bias")).isEqualTo(1.0);
    }
  }

  @Test
  void keepsTheInputLayerDenseWhenAsked() {
    StructureChoice lowrank = choice("lowrank", Map.of());
    try (Model model = build(lowrank, StructureChoice.dense(LIBRARY), 16)) {
      List<LayerInfo> layers = model.info().layers();
      assertThat(layers.get(0).structure()).isEqualTo("dense");
      assertThat(layers.get(1).structure()).isEqualTo("lowrank");
    }
  }

  @Test
  void refusesUseAfterClose() {
    StructureChoice dense = StructureChoice.dense(LIBRARY);
    Model model = build(dense, dense, 8);
    model.close();
    assertThatThrownBy(() -> model.initialize(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("model is closed");
    model.close();
  }

  /** A traced step takes the step and says which ops ran: the forward, backward and Adam's. */
  @Test
  void tracesATrainingStep() {
    try (Model model = build(choice("btt", Map.of("rank", 1)), choice("dense", Map.of()), 16)) {
      model.initialize(1);
      SplittableRandom random = new SplittableRandom(2);
      float[] x = new float[8 * 64];
      float[] y = new float[8 * 4];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      for (int n = 0; n < 8; n++) {
        y[n * 4 + n % 4] = 1;
      }
      Batch batch = Batch.dense(x, y, 8);
      float before = model.evaluate(batch).loss();
      io.einstruct.train.tf.StepTrace trace = model.trace(batch, 1.0, 1);
      assertThat(trace.ops()).extracting(o -> o.type()).contains("Einsum");
      assertThat(trace.ops()).anyMatch(o -> o.node().startsWith("adam/"));
      assertThat(trace.ops()).anyMatch(o -> o.node().startsWith("gradients"));
      assertThat(trace.totals(o -> "all").get("all")).isPositive();
      assertThat(model.evaluate(batch).loss()).isNotEqualTo(before);
      assertThat(model.liveTensors()).isZero();
    }
  }

  @Test
  void countsWithoutAGraphWhatTheGraphHolds() {
    StructureChoice btt = choice("btt", Map.of("rank", 2));
    MlpSpec spec =
        new MlpSpec(
            64,
            4,
            32,
            2,
            4,
            btt,
            btt,
            StructureChoice.dense(LIBRARY),
            Loss.CROSS_ENTROPY,
            16,
            0.1,
            4);
    try (Model model =
        MlpBuilder.build(
            spec,
            CompileOptions.defaults(),
            AdamConfig.of(1e-3),
            8,
            new SessionOptions(1, 1, io.einstruct.train.tf.Device.CPU))) {
      assertThat(spec.info(WeightNormOptions.OFF)).isEqualTo(model.info());
    }
  }
}
