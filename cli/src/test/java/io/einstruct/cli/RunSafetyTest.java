package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.Json;
import io.einstruct.train.run.MetricsLog;
import io.einstruct.train.run.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's options checked before anything is written; stopped by signals and resumed exactly. */
class RunSafetyTest {
  @TempDir Path dir;

  /** Small and fast: the teacher task needs no files. */
  private static final List<String> TINY =
      List.of(
          "--data",
          "teacher",
          "--structure",
          "btt",
          "--width",
          "16",
          "--depth",
          "1",
          "--batch",
          "32",
          "--threads",
          "1",
          "--inter-threads",
          "1");

  @Test
  void aBadValueOfAnyChoiceFailsNamingItsFlagAndLeavesNoDirectory() {
    String[][] bad = {
      {"--model", "resnet", "--model: expected mlp, vit or gpt, got 'resnet'"},
      {"--optimizer", "sgd", "--optimizer: expected adam or adamw, got 'sgd'"},
      {"--schedule", "linear", "--schedule: expected cosine or constant, got 'linear'"},
      {"--data", "mnist", "--data: mnist needs its directory: mnist:DIR"},
      {"--lowering", "xla", "--lowering: expected einsum, bmm or auto, got 'xla'"},
      {"--input-structure", "all", "--input-structure: expected auto, dense or same, got 'all'"},
      {"--device", "tpu", "--device: expected cpu or gpu:N, got 'tpu'"},
      {
        "--weight-norm-scope", "some", "--weight-norm-scope: expected structured or all, got 'some'"
      },
      {"--batch", "0", "--batch: must be positive, got 0"},
      {"--width", "-4", "--width: must be positive, got -4"},
    };
    for (int i = 0; i < bad.length; i++) {
      Path out = dir.resolve("run-" + i);
      for (String mode : new String[] {"--out", "--dry-run"}) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(without(TINY, bad[i][0]));
        args.addAll(List.of(bad[i][0], bad[i][1]));
        args.addAll(mode.equals("--out") ? List.of("--out", out.toString()) : List.of(mode));
        MainTest.Run run = MainTest.run(args.toArray(String[]::new));
        assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(run.err()).isEqualTo("einstruct: " + bad[i][2] + System.lineSeparator());
        assertThat(Files.exists(out)).as(String.join(" ", args)).isFalse();
      }
    }
    Path out = dir.resolve("missing-data");
    MainTest.Run run =
        MainTest.run("train", "--data", "mnist:" + dir.resolve("nowhere"), "--out", out.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("einstruct: " + dir.resolve("nowhere"));
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void capitalsMeanTheSameAsLowerCase() throws Exception {
    Path out = dir.resolve("caps");
    List<String> args = new ArrayList<>(List.of("train", "--model", "MLP", "--optimizer", "ADAM"));
    args.addAll(TINY);
    args.addAll(List.of("--steps", "2", "--out", out.toString()));
    MainTest.Run run = MainTest.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode config = Json.mapper().readTree(out.resolve(Trainer.CONFIG).toFile());
    assertThat(config.get("model").get("kind").asText()).isEqualTo("mlp");
    assertThat(config.get("optim").get("kind").asText()).isEqualTo("adam");
    assertThat(config.get("optim").get("input_lr_multiplier").asDouble()).isEqualTo(0.1);
    MainTest.Run json =
        MainTest.run("describe", "btt", "-p", "d_in=64", "-p", "d_out=64", "--format", "JSON");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out()).startsWith("{");
  }

  @Test
  void resumingTakesNoOtherOptionButALength() throws Exception {
    Path out = dir.resolve("run");
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(TINY);
    args.addAll(List.of("--steps", "4", "--eval-every", "2", "--out", out.toString()));
    assertThat(MainTest.run(args.toArray(String[]::new)).code()).isZero();
    MainTest.Run changed = MainTest.run("train", "--resume", out.toString(), "--lr", "1e-2");
    assertThat(changed.code()).isEqualTo(2);
    assertThat(changed.err())
        .isEqualTo(
            "einstruct: --lr: cannot be changed when resuming: a run continues as it was"
                + " configured (only --steps or --epochs extend it)"
                + System.lineSeparator());
    MainTest.Run longer = MainTest.run("train", "--resume", out.toString(), "--steps", "6");
    assertThat(longer.code()).as(longer.err()).isZero();
    assertThat(new MetricsLog(out.resolve(Trainer.METRICS)).read())
        .extracting(EvalPoint::step)
        .containsExactly(2L, 4L, 6L);
  }

  @Test
  void aRunFileHoldsTheTaskAndTheFlagsTheStructure() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("run.yaml"),
            "data: teacher\nsteps: 4\neval_every: 2\nbatch: 16\ndepth: 1\nthreads: 1\n");
    Path out = dir.resolve("from-file");
    MainTest.Run run =
        MainTest.run(
            "train",
            "--config",
            file.toString(),
            "--structure",
            "btt",
            "--width",
            "16",
            "--seed",
            "5",
            "--out",
            out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode config = Json.mapper().readTree(out.resolve(Trainer.CONFIG).toFile());
    assertThat(config.get("model").get("structure").asText()).isEqualTo("btt");
    assertThat(config.get("model").get("width").asInt()).isEqualTo(16);
    assertThat(config.get("run").get("steps").asInt()).isEqualTo(4);
    assertThat(config.get("run").get("seed").asInt()).isEqualTo(5);
    MainTest.Run flag =
        MainTest.run("train", "--config", file.toString(), "--lr", "1e-2", "--dry-run");
    assertThat(flag.code()).isEqualTo(2);
    assertThat(flag.err()).startsWith("einstruct: --lr: set it in " + file);
    Files.writeString(file, "data: teacher\nschedule: linear\n");
    Path never = dir.resolve("never");
    MainTest.Run bad =
        MainTest.run("train", "--config", file.toString(), "--out", never.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .startsWith(file + ":2:1: 'task.schedule': expected cosine or constant, got 'linear'");
    assertThat(Files.exists(never)).isFalse();
  }

  @Test
  void readOnlyCommandsOnAMissingStoreFailAndCreateNothing() {
    Path db = dir.resolve("typo.db");
    String store = "sqlite:" + db;
    String[][] commands = {
      {"study", "status", "--store", store, "--study", "s"},
      {"study", "list", "--store", store},
      {"study", "export", "--store", store, "--study", "s", "--out", dir.resolve("e").toString()},
      {"fit", "--store", store, "--study", "s"},
      {"report", "--store", store, "--study", "s", "--out", dir.resolve("r").toString()},
      {"worker", "--store", store, "--study", "s"},
      {"study", "delete", "--store", store, "--study", "s", "--trial", "1"},
    };
    for (String[] c : commands) {
      MainTest.Run run = MainTest.run(c);
      assertThat(run.code()).as(String.join(" ", c)).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "einstruct: --store: no store at "
                  + store
                  + " (einstruct search creates a study's store; give --store to read another)"
                  + System.lineSeparator());
      assertThat(Files.exists(db)).isFalse();
      assertThat(Files.exists(dir.resolve("e"))).isFalse();
      assertThat(Files.exists(dir.resolve("r"))).isFalse();
    }
  }

  /**
   * A child process stopped by SIGINT at five random moments (right after an evaluation, while its
   * checkpoint is written, or in the steps after it) exits 130 with one line on how to resume, and
   * each resumed run ends with exactly the metrics of an uninterrupted one.
   */
  @Test
  void sigintAtAnyMomentResumesToTheUninterruptedMetrics() throws Exception {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(TINY);
    args.addAll(List.of("--steps", "120", "--eval-every", "20", "--seed", "3"));
    Path whole = dir.resolve("whole");
    List<String> uninterrupted = new ArrayList<>(args);
    uninterrupted.addAll(List.of("--out", whole.toString()));
    MainTest.Run baseline = MainTest.run(uninterrupted.toArray(String[]::new));
    assertThat(baseline.code()).as(baseline.err()).isZero();
    List<EvalPoint> expected = new MetricsLog(whole.resolve(Trainer.METRICS)).read();
    assertThat(expected).hasSize(6);
    SplittableRandom random = new SplittableRandom(42);
    // a process started in the background by a shell inherits SIGINT ignored, and then the JVM
    // (rightly) never sees it; such a test run checks the same path with SIGTERM
    String signal = ignored(2) ? "TERM" : "INT";
    int code = signal.equals("INT") ? 130 : 143;
    int interrupted = 0;
    for (int i = 0; i < 5; i++) {
      Path run = dir.resolve("run-" + i);
      Path log = dir.resolve("run-" + i + ".log");
      Process child = start(args, run, log);
      // wait for a random evaluation, then a little: the signal lands while the checkpoint that
      // follows each evaluation is being written, or in the steps after it
      int evaluations = random.nextInt(1, 5);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (lines(run.resolve(Trainer.METRICS)) < evaluations && child.isAlive()) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(1);
      }
      Thread.sleep(random.nextInt(0, 40));
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String text = WorkerProcesses.read(log);
      if (child.exitValue() == code) {
        interrupted++;
        assertThat(text)
            .containsPattern(
                "interrupted at step \\d+ \\(SIG"
                    + signal
                    + "\\); checkpoint saved\\. Resume with: einstruct"
                    + " train --resume "
                    + java.util.regex.Pattern.quote(run.toString()));
        JsonNode summary = Json.mapper().readTree(run.resolve(Trainer.SUMMARY).toFile());
        assertThat(summary.get("status").asText()).isEqualTo("interrupted");
        Process resume = start(List.of("train", "--resume", run.toString()), null, log);
        assertThat(resume.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue()).as(WorkerProcesses.read(log)).isZero();
      } else {
        assertThat(child.exitValue()).as(text).isZero();
      }
      List<EvalPoint> got = new MetricsLog(run.resolve(Trainer.METRICS)).read();
      assertThat(got).extracting(EvalPoint::step).isEqualTo(steps(expected));
      for (int k = 0; k < expected.size(); k++) {
        assertThat(got.get(k).trainLoss())
            .isCloseTo(expected.get(k).trainLoss(), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(got.get(k).testLoss())
            .isCloseTo(expected.get(k).testLoss(), org.assertj.core.api.Assertions.within(1e-6));
      }
    }
    assertThat(interrupted).as("runs the signal stopped").isEqualTo(5);
  }

  /** Whether this process ignores signal {@code number} (and so will its children). */
  private static boolean ignored(int number) throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
        return (mask & (1L << (number - 1))) != 0;
      }
    }
    return false;
  }

  private static long lines(Path file) throws java.io.IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    return Files.readString(file).chars().filter(c -> c == '\n').count();
  }

  /** {@code options} without {@code flag} and its value. */
  private static List<String> without(List<String> options, String flag) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < options.size(); i += 2) {
      if (!options.get(i).equals(flag)) {
        kept.addAll(options.subList(i, i + 2));
      }
    }
    return kept;
  }

  private static List<Long> steps(List<EvalPoint> points) {
    return points.stream().map(EvalPoint::step).toList();
  }

  private static Process start(List<String> args, Path out, Path log) throws Exception {
    List<String> all = new ArrayList<>(args);
    if (out != null) {
      all.addAll(List.of("--out", out.toString()));
    }
    Path target = log;
    if (Files.exists(log)) {
      target = log.resolveSibling(log.getFileName() + ".resume");
    }
    return WorkerProcesses.start(target, Map.of(), all.toArray(String[]::new));
  }
}
