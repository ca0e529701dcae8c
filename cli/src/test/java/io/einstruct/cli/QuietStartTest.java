package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.train.tf.NativeLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorFlow's start-up lines stay off a real process's standard error unless asked for. */
class QuietStartTest {
  @TempDir Path dir;

  @Test
  void aRunShowsOnlyItsOwnLinesAndVerboseBringsTensorFlowsBack() throws Exception {
    String quiet = stderr("quiet");
    assertThat(quiet).contains("mlp dense, width 8").contains("step 2: train loss");
    assertThat(quiet.lines().filter(NativeLog::isNoise).toList()).isEmpty();
    assertThat(quiet).doesNotContain("oneDNN").doesNotContain("absl").doesNotContain("MLIR");

    String verbose = stderr("verbose", "--verbose");
    assertThat(verbose).contains("oneDNN custom operations are on").contains("mlp dense, width 8");
    assertThat(verbose.lines().filter(NativeLog::isNoise).count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void warningsAndErrorsAreNeverNoise() {
    assertThat(
            NativeLog.isNoise(
                "I0000 00:00:1796142132.591639   24027 mlir_graph_optimization_pass.cc:401] MLIR V1"
                    + " optimization pass is not enabled"))
        .isTrue();
    assertThat(
            NativeLog.isNoise(
                "2026-12-01 16:22:12.098169: I tensorflow/core/util/port.cc:153] oneDNN custom"
                    + " operations are on."))
        .isTrue();
    assertThat(
            NativeLog.isNoise(
                "WARNING: All log messages before absl::InitializeLog() is called are written to"
                    + " STDERR"))
        .isTrue();
    assertThat(NativeLog.isNoise("W0000 00:00:1796142132.591639   24027 x.cc:1] out of memory"))
        .isFalse();
    assertThat(NativeLog.isNoise("E0000 00:00:1796142132.591639   24027 x.cc:1] failed")).isFalse();
    assertThat(
            NativeLog.isNoise(
                "2026-12-01 16:22:12.098169: W tensorflow/core/framework/x.cc:1] allocation"))
        .isFalse();
    assertThat(NativeLog.isNoise("einstruct: --steps: must be at least 1")).isFalse();
  }

  private String stderr(String name, String... extra) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(
        List.of(
            "train", "--structure", "dense", "--width", "8", "--steps", "2", "--eval-every", "2"));
    command.addAll(List.of("--out", dir.resolve(name).toString()));
    command.addAll(List.of(extra));
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(err.toFile())
            .redirectOutput(dir.resolve(name + ".out").toFile());
    builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    Process p = builder.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
    String text = Files.readString(err);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }
}
