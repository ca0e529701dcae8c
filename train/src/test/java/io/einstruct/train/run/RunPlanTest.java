package io.einstruct.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.compile.WeightNormScope;
import io.einstruct.train.data.TinyData;
import io.einstruct.train.tf.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every choice parsed once, in any case; a run checked whole before its directory exists. */
class RunPlanTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  private TrainConfig config() throws IOException {
    Path data = TinyData.mnistLike(dir.resolve("data"), 256, 64, 3);
    return TrainConfig.defaults()
        .with(TestModels.model("mlp", "btt", List.of("rank=1"), 16, 1, 4, 16, null))
        .with(DataConfig.defaults().withSource(DataSource.parse("mnist:" + data)))
        .with(new RunConfig(1, 0, 32, 0, 0, 1, 1, Device.CPU));
  }

  @Test
  void everyChoiceIsReadInAnyCaseAndWrittenInLowerCase() throws IOException {
    assertThat(ModelKind.parse("MLP")).isEqualTo(ModelKind.MLP);
    assertThat(ModelKind.parse(" Gpt ")).isEqualTo(ModelKind.GPT);
    assertThat(OptimizerKind.parse("AdamW")).isEqualTo(OptimizerKind.ADAMW);
    assertThat(ScheduleKind.parse("CONSTANT")).isEqualTo(ScheduleKind.CONSTANT);
    assertThat(InputStructure.parse("Same")).isEqualTo(InputStructure.SAME);
    assertThat(Lowering.parse("BMM")).isEqualTo(Lowering.BATCH_MATMUL);
    assertThat(WeightNormScope.parse("All")).isEqualTo(WeightNormScope.ALL);
    assertThat(DataSource.parse("Fashion-MNIST").kind()).isEqualTo(DataSource.Kind.FASHION_MNIST);
    assertThat(Device.parse("GPU:1")).isEqualTo(new Device(true, 1));
    // --model MLP once gave the input layer a rate multiplier of 1 instead of the MLP's 0.1
    assertThat(OptimConfig.inputLrMultiplier(ModelKind.parse("MLP"))).isEqualTo(0.1);
    String json = Json.mapper().writeValueAsString(config());
    assertThat(json)
        .contains("\"kind\" : \"mlp\"", "\"lowering\" : \"auto\"", "\"schedule\" : \"cosine\"")
        .contains("\"input_structure\" : \"auto\"", "\"device\" : \"cpu\"", "\"kind\" : \"adam\"");
    assertThat(Json.mapper().readValue(json, TrainConfig.class)).isEqualTo(config());
  }

  @Test
  void aValueThatIsNoChoiceNamesTheSettingAndEveryChoice() {
    assertError(() -> ModelKind.parse("resnet"), "model: expected mlp, vit or gpt, got 'resnet'");
    assertError(() -> OptimizerKind.parse("sgd"), "optimizer: expected adam or adamw, got 'sgd'");
    assertError(
        () -> ScheduleKind.parse("linear"), "schedule: expected cosine or constant, got 'linear'");
    assertError(
        () -> InputStructure.parse("x"), "input_structure: expected auto, dense or same, got 'x'");
    assertError(() -> Lowering.parse("xla"), "lowering: expected einsum, bmm or auto, got 'xla'");
    assertError(() -> Device.parse("tpu"), "device: expected cpu or gpu:N, got 'tpu'");
    assertError(() -> DataSource.parse("mnist"), "data: mnist needs its directory: mnist:DIR");
    assertError(() -> DataSource.parse("text"), "data: text needs its files: text:PATH[,PATH...]");
    assertError(
        () -> DataSource.parse("teacher:x"), "data: teacher takes no path, got 'teacher:x'");
    assertError(
        () -> DataSource.parse("imagenet"),
        "data: expected fashion-mnist, fashion-mnist:DIR, mnist:DIR, cifar10:DIR, cifar100:DIR,"
            + " teacher or text:PATH[,PATH...], got 'imagenet'");
  }

  /** Each bad configuration fails before the run directory is created, and creates nothing. */
  @Test
  void aBadConfigurationLeavesNoDirectoryBehind() throws IOException {
    TrainConfig good = config();
    List<Function<TrainConfig, TrainConfig>> bad =
        List.of(
            c -> c.with(c.data().withSource(DataSource.parse("mnist:" + dir.resolve("nowhere")))),
            c ->
                c.with(
                    c.model().toBuilder().structure("monarch", null, List.of("b=5"), null).build()),
            c -> c.with(runWith(c.run(), 0, 0)),
            c -> c.with(runWith(c.run(), 100_000, 32)),
            c -> c.with(runWith(c.run(), 1, 1 << 30)),
            c ->
                c.with(
                    new OptimConfig(
                        OptimizerKind.ADAM,
                        3e-3,
                        0.9,
                        0.999,
                        1e-8,
                        0.1,
                        0,
                        ScheduleKind.COSINE,
                        0,
                        0.1)),
            c ->
                c.with(
                    new OptimConfig(
                        OptimizerKind.ADAM,
                        -1,
                        0.9,
                        0.999,
                        1e-8,
                        0,
                        0,
                        ScheduleKind.COSINE,
                        0,
                        0.1)));
    List<String> messages = new java.util.ArrayList<>();
    for (int i = 0; i < bad.size(); i++) {
      Path run = dir.resolve("run-" + i);
      TrainConfig c = bad.get(i).apply(good);
      assertThatThrownBy(() -> new Trainer(LIBRARY, TrainListener.NONE).start(c, run))
          .isInstanceOf(EinError.class)
          .satisfies(e -> messages.add(e.getMessage()));
      assertThat(Files.exists(run)).as("run directory of case %d", i).isFalse();
    }
    assertThat(messages.get(0)).startsWith(dir.resolve("nowhere").toString());
    assertThat(messages.get(1)).contains("b");
    assertThat(messages.get(2)).isEqualTo("batch: must be positive, got 0");
    assertThat(messages.get(3)).startsWith("threads: must be 0 (every core) or 1 to ");
    assertThat(messages.get(4))
        .startsWith("batch: a step of batch 1073741824 would hold about ")
        .endsWith("; lower the batch or the width");
    assertThat(messages.get(5))
        .isEqualTo("weight_decay: decoupled weight decay needs --optimizer adamw");
    assertThat(messages.get(6)).isEqualTo("lr: must be positive, got -1.0");
  }

  @Test
  void thePlanCountsStepsAndBindsEveryLayer() throws IOException {
    RunPlan plan = RunPlan.check(LIBRARY, config());
    assertThat(plan.stepsPerEpoch()).isEqualTo(256 / 32);
    assertThat(plan.steps()).isEqualTo(8);
    assertThat(plan.info().layers()).hasSize(4);
    assertThat(plan.memoryBytes()).isPositive();
  }

  private static RunConfig runWith(RunConfig r, int threads, int batch) {
    return new RunConfig(
        r.epochs(), r.steps(), batch, r.seed(), r.evalEvery(), threads, threads, r.device());
  }

  private static void assertError(Runnable parse, String message) {
    assertThatThrownBy(parse::run).isInstanceOf(EinError.class).hasMessage(message);
  }
}
