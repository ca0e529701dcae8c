package io.einstruct.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.TinyData;
import io.einstruct.train.tf.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  /** A small BTT MLP on a tiny MNIST-format dataset: 512 examples, batch 32, 16 steps an epoch. */
  private TrainConfig config(long steps, long evalEvery, double lr) throws IOException {
    Path data = TinyData.mnistLike(dir.resolve("data"), 512, 128, 3);
    return TrainConfig.defaults()
        .with(TestModels.model("mlp", "btt", List.of("rank=2"), 16, 2, 4, 16, null))
        .with(
            new DataConfig(DataSource.parse("mnist:" + data), 0, false, 0, 0, false, 8, 64, 2, 128))
        .with(
            new OptimConfig(
                OptimizerKind.ADAM, lr, 0.9, 0.999, 1e-8, 0, 0, ScheduleKind.COSINE, 2, 0.1))
        .with(new RunConfig(2, steps, 32, 7, evalEvery, 1, 1, Device.CPU));
  }

  @Test
  void writesConfigMetricsSummaryAndCheckpoint() throws IOException {
    Path run = dir.resolve("run");
    RunSummary summary = new Trainer(LIBRARY, TrainListener.NONE).start(config(0, 0, 3e-3), run);
    assertThat(summary.status()).isEqualTo("done");
    List<EvalPoint> points = new MetricsLog(run.resolve(Trainer.METRICS)).read();
    assertThat(points).extracting(EvalPoint::step).containsExactly(16L, 32L);
    EvalPoint last = points.get(1);
    assertThat(last.samples()).isEqualTo(32 * 32);
    assertThat(last.flops()).isEqualTo(6.0 * summary.forwardMacsPerSample() * 32 * 32);
    assertThat(last.epoch()).isEqualTo(2.0);
    assertThat(last.testError()).isBetween(0.0, 1.0);
    assertThat(last.trainLoss()).isLessThan(points.get(0).trainLoss());
    assertThat(last.auxLoss()).isNull();
    JsonNode json = Json.mapper().readTree(run.resolve(Trainer.SUMMARY).toFile());
    assertThat(json.get("status").asText()).isEqualTo("done");
    assertThat(json.get("provenance").get("source").asText()).contains("structure btt(");
    assertThat(json.get("provenance").get("source_sha256").asText()).hasSize(64);
    assertThat(json.get("last").get("step").asLong()).isEqualTo(32);
    assertThat(json.get("config").get("model").get("structure").asText()).isEqualTo("btt");
    assertThat(Files.exists(run.resolve(Checkpoint.FILE))).isTrue();
    assertThat(Json.mapper().readValue(run.resolve(Trainer.CONFIG).toFile(), TrainConfig.class))
        .isEqualTo(summary.config());
    // TensorBoard sees the same evaluations, and the configuration and source as text
    var events = EventLogTest.read(EventLogTest.only(run));
    assertThat(events.get(1).getSummary().getValueList())
        .extracting(v -> v.getTag())
        .containsExactly("config", "structure");
    var scalars = events.subList(2, events.size());
    assertThat(scalars).extracting(e -> e.getStep()).containsExactly(16L, 32L);
    assertThat(scalars.get(1).getSummary().getValue(0).getSimpleValue())
        .isEqualTo((float) last.trainLoss());
  }

  /** A run stopped after step 8 and resumed ends exactly where the uninterrupted run does. */
  @Test
  void resumedRunEndsWhereTheUninterruptedRunEnds() throws IOException {
    TrainConfig config = config(12, 4, 3e-3);
    Path whole = dir.resolve("whole");
    new Trainer(LIBRARY, TrainListener.NONE).start(config, whole);
    Path broken = dir.resolve("broken");
    TrainListener crash =
        new TrainListener() {
          @Override
          public void evaluated(EvalPoint point) {
            if (point.step() == 8) {
              throw new IllegalStateException("simulated crash");
            }
          }
        };
    assertThatThrownBy(() -> new Trainer(LIBRARY, crash).start(config, broken))
        .hasMessage("simulated crash");
    assertThat(
            Json.mapper().readTree(broken.resolve(Trainer.SUMMARY).toFile()).get("status").asText())
        .isEqualTo("failed");
    RunSummary resumed = new Trainer(LIBRARY, TrainListener.NONE).resume(broken);
    assertThat(resumed.status()).isEqualTo("done");
    List<EvalPoint> a = new MetricsLog(whole.resolve(Trainer.METRICS)).read();
    List<EvalPoint> b = new MetricsLog(broken.resolve(Trainer.METRICS)).read();
    assertThat(b).extracting(EvalPoint::step).containsExactly(4L, 8L, 12L);
    for (int i = 0; i < 3; i++) {
      assertThat(b.get(i).trainLoss()).isCloseTo(a.get(i).trainLoss(), within(1e-6));
      assertThat(b.get(i).testLoss()).isCloseTo(a.get(i).testLoss(), within(1e-6));
      assertThat(b.get(i).flops()).isEqualTo(a.get(i).flops());
    }
  }

  @Test
  void stopsWithAFailedSummaryWhenTheLossDiverges() throws IOException {
    Path run = dir.resolve("diverged");
    assertThatThrownBy(
            () -> new Trainer(LIBRARY, TrainListener.NONE).start(config(20, 0, 1e38), run))
        .isInstanceOf(TrainingFailed.class)
        .hasMessageContaining("the loss became")
        .hasMessageContaining("; lower --lr, or add --clip or --warmup");
    JsonNode json = Json.mapper().readTree(run.resolve(Trainer.SUMMARY).toFile());
    assertThat(json.get("status").asText()).isEqualTo("failed");
    assertThat(json.get("error").asText()).startsWith("the loss became");
  }

  @Test
  void refusesToOverwriteARun() throws IOException {
    Path run = dir.resolve("once");
    TrainConfig config = config(2, 0, 3e-3);
    new Trainer(LIBRARY, TrainListener.NONE).start(config, run);
    assertThatThrownBy(() -> new Trainer(LIBRARY, TrainListener.NONE).start(config, run))
        .isInstanceOf(EinError.class)
        .hasMessage(
            run + ": already holds a run; continue it with --resume or choose another " + "--out");
  }

  /**
   * A stop requested at a step boundary checkpoints there (between evaluations, so the sums since
   * the last one are in the checkpoint), says interrupted with the step, and resumes to metrics
   * equal to the uninterrupted run's.
   */
  @Test
  void aRunStoppedBetweenEvaluationsResumesToTheUninterruptedMetrics() throws IOException {
    TrainConfig config = config(12, 4, 3e-3);
    Path whole = dir.resolve("whole");
    new Trainer(LIBRARY, TrainListener.NONE).start(config, whole);
    for (long at : new long[] {1, 4, 6, 11}) {
      Path run = dir.resolve("stopped-" + at);
      RunSummary first = startStoppedAt(config, run, at, "SIGINT");
      assertThat(first.status()).isEqualTo("interrupted");
      assertThat(first.stoppedAt()).isEqualTo(at);
      assertThat(first.error()).isEqualTo("stopped by SIGINT");
      JsonNode json = Json.mapper().readTree(run.resolve(Trainer.SUMMARY).toFile());
      assertThat(json.get("status").asText()).isEqualTo("interrupted");
      assertThat(json.get("stopped_at").asLong()).isEqualTo(at);
      assertThat(Checkpoint.load(run.resolve(Checkpoint.FILE)).state().step()).isEqualTo(at);
      RunSummary resumed = new Trainer(LIBRARY, TrainListener.NONE).resume(run);
      assertThat(resumed.status()).isEqualTo("done");
      assertSameMetrics(run, whole);
    }
  }

  /**
   * Killed between the metrics append and the first checkpoint: the resumed run starts over, and
   * the evaluation written before the kill is not there twice.
   */
  @Test
  void aRunWithoutACheckpointResumesFromScratchWithoutDuplicateMetrics() throws IOException {
    TrainConfig config = config(12, 4, 3e-3);
    Path whole = dir.resolve("whole");
    new Trainer(LIBRARY, TrainListener.NONE).start(config, whole);
    Path run = dir.resolve("killed");
    Files.createDirectories(run);
    Json.write(run.resolve(Trainer.CONFIG), config);
    List<EvalPoint> points = new MetricsLog(whole.resolve(Trainer.METRICS)).read();
    new MetricsLog(run.resolve(Trainer.METRICS)).append(points.get(0));
    List<Long> resumedAt = new java.util.ArrayList<>();
    TrainListener hear =
        new TrainListener() {
          @Override
          public void resuming(long step, boolean fromCheckpoint) {
            resumedAt.add(fromCheckpoint ? step : -1);
          }
        };
    new Trainer(LIBRARY, hear).resume(run);
    assertThat(resumedAt).containsExactly(-1L);
    assertSameMetrics(run, whole);
  }

  /** A line torn by a kill mid-append was never committed: it is dropped, not an error. */
  @Test
  void aTornMetricsLineIsDroppedOnResume() throws IOException {
    TrainConfig config = config(12, 4, 3e-3);
    Path whole = dir.resolve("whole");
    new Trainer(LIBRARY, TrainListener.NONE).start(config, whole);
    Path run = dir.resolve("torn");
    startStoppedAt(config, run, 6, "SIGTERM");
    Files.writeString(
        run.resolve(Trainer.METRICS), "{\"step\":8,\"epo", java.nio.file.StandardOpenOption.APPEND);
    new Trainer(LIBRARY, TrainListener.NONE).resume(run);
    assertSameMetrics(run, whole);
  }

  /** {@code resume(dir, steps)} extends a finished run; fewer steps than it has is an error. */
  @Test
  void aFinishedRunIsExtendedByResumingWithMoreSteps() throws IOException {
    Path run = dir.resolve("extended");
    new Trainer(LIBRARY, TrainListener.NONE).start(config(8, 4, 3e-3), run);
    RunSummary longer = new Trainer(LIBRARY, TrainListener.NONE).resume(run, 12L);
    assertThat(longer.status()).isEqualTo("done");
    assertThat(new MetricsLog(run.resolve(Trainer.METRICS)).read())
        .extracting(EvalPoint::step)
        .containsExactly(4L, 8L, 12L);
    assertThat(Trainer.config(run).run().steps()).isEqualTo(12);
    assertThatThrownBy(() -> new Trainer(LIBRARY, TrainListener.NONE).resume(run, 6L))
        .isInstanceOf(EinError.class)
        .hasMessage("steps: the run is at step 12 already; give more steps to extend it");
  }

  /**
   * Starts {@code config} in {@code run} and asks it to stop, as {@code signal} would, at {@code
   * at}.
   */
  private static RunSummary startStoppedAt(TrainConfig config, Path run, long at, String signal) {
    StopRequest stop = new StopRequest();
    TrainListener stopAt =
        new TrainListener() {
          @Override
          public void stepped(long step, long total, double loss, double samplesPerSecond) {
            if (step == at) {
              stop.request(signal);
            }
          }
        };
    return new Trainer(LIBRARY, stopAt, new io.einstruct.train.data.DataCache(), stop)
        .start(config, run);
  }

  private static void assertSameMetrics(Path run, Path whole) {
    List<EvalPoint> a = new MetricsLog(whole.resolve(Trainer.METRICS)).read();
    List<EvalPoint> b = new MetricsLog(run.resolve(Trainer.METRICS)).read();
    assertThat(b).extracting(EvalPoint::step).containsExactly(4L, 8L, 12L);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).trainLoss()).isCloseTo(a.get(i).trainLoss(), within(1e-6));
      assertThat(b.get(i).testLoss()).isCloseTo(a.get(i).testLoss(), within(1e-6));
      assertThat(b.get(i).samples()).isEqualTo(a.get(i).samples());
      assertThat(b.get(i).flops()).isEqualTo(a.get(i).flops());
    }
  }
}
