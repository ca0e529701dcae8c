package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path dir;

  @Test
  void trainsAndResumesFromTheCommandLine() throws Exception {
    Path out = dir.resolve("run");
    MainTest.Run run =
        MainTest.run(
            "train",
            "--structure",
            "btt",
            "--width",
            "16",
            "--depth",
            "1",
            "--steps",
            "4",
            "--eval-every",
            "2",
            "--batch",
            "64",
            "--threads",
            "1",
            "--out",
            out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains(out + ": ").contains("final: step 4, train loss ");
    assertThat(run.err()).contains("mlp btt, width 16").contains("epoch 0.00 step 2: train loss");
    assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(2);
    MainTest.Run again = MainTest.run("train", "--resume", out.toString());
    assertThat(again.code()).isZero();
    assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(2);
  }

  @Test
  void trainsAGptOnTextAndCountsItWithoutTraining() throws Exception {
    Path text = Files.writeString(dir.resolve("t.txt"), "abcdefgh ".repeat(500));
    String[] model = {
      "--model",
      "gpt",
      "--data",
      "text:" + text,
      "--context",
      "8",
      "--width",
      "16",
      "--d0",
      "16",
      "--heads",
      "2",
      "--depth",
      "1",
      "--batch",
      "4",
      "--threads",
      "1"
    };
    MainTest.Run dry = MainTest.run(concat(new String[] {"train", "--dry-run"}, model));
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).startsWith("gpt dense, width 16: ").contains(" per token (8 tokens)");
    assertThat(Files.exists(dir.resolve("runs"))).isFalse();
    Path out = dir.resolve("gpt");
    MainTest.Run run =
        MainTest.run(
            concat(new String[] {"train", "--steps", "3", "--out", out.toString()}, model));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("tokens/s");
    MainTest.Run wrong =
        MainTest.run(
            "train", "--model", "gpt", "--steps", "1", "--out", dir.resolve("x").toString());
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).startsWith("einstruct: --model: gpt needs text data");
  }

  /** A new GPT follows the papers unless told otherwise, and config.json says what it ran. */
  @Test
  void gptRunsRecordThePapersSettingsAndTakeOthers() throws Exception {
    Path text = Files.writeString(dir.resolve("t.txt"), "abcdefgh ".repeat(500));
    String[] model = {
      "train",
      "--model",
      "gpt",
      "--data",
      "text:" + text,
      "--context",
      "8",
      "--width",
      "16",
      "--d0",
      "16",
      "--depth",
      "1",
      "--batch",
      "4",
      "--threads",
      "1",
      "--steps",
      "1"
    };
    Path defaults = dir.resolve("defaults");
    MainTest.Run run = MainTest.run(concat(model, new String[] {"--out", defaults.toString()}));
    assertThat(run.code()).as(run.err()).isZero();
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var config = mapper.readTree(defaults.resolve("config.json").toFile());
    assertThat(config.at("/model/base_expansion").asInt()).isEqualTo(1);
    assertThat(config.at("/model/transformer/attn_scale_c").asDouble()).isEqualTo(8.0);
    assertThat(config.at("/model/transformer/depth_scaling").asBoolean()).isTrue();
    assertThat(config.at("/optim/final_lr_fraction").asDouble()).isEqualTo(0.1);
    assertThat(config.at("/model/head").isMissingNode()).isTrue();

    Path chosen = dir.resolve("chosen");
    MainTest.Run other =
        MainTest.run(
            concat(
                model,
                new String[] {
                  "--out",
                  chosen.toString(),
                  "--d-head",
                  "4",
                  "--attn-width",
                  "8",
                  "--attn-scale-c",
                  "2.5",
                  "--no-depth-scaling",
                  "--base-expansion",
                  "2",
                  "--final-lr-frac",
                  "0",
                  "--head-structure",
                  "lowrank",
                  "--head-param",
                  "rank=2",
                  "--weight-norm",
                  "--weight-norm-scope",
                  "ALL",
                  "--no-weight-norm-gain"
                }));
    assertThat(other.code()).as(other.err()).isZero();
    config = mapper.readTree(chosen.resolve("config.json").toFile());
    assertThat(config.at("/model/transformer/d_head").asInt()).isEqualTo(4);
    assertThat(config.at("/model/transformer/attn_width").asInt()).isEqualTo(8);
    assertThat(config.at("/model/transformer/attn_scale_c").asDouble()).isEqualTo(2.5);
    assertThat(config.at("/model/transformer/depth_scaling").asBoolean()).isFalse();
    assertThat(config.at("/model/base_expansion").asInt()).isEqualTo(2);
    assertThat(config.at("/optim/final_lr_fraction").asDouble()).isZero();
    assertThat(config.at("/model/head").asText()).isEqualTo("lowrank");
    assertThat(config.at("/model/head_params/0").asText()).isEqualTo("rank=2");
    assertThat(config.at("/model/weight_norm_scope").asText()).isEqualTo("all");
    assertThat(config.at("/model/weight_norm_gain").asBoolean()).isFalse();
    // the head is low rank: its two factors are in the checkpointed run's summary
    assertThat(Files.readString(chosen.resolve("summary.json"))).contains("\"lowrank\"");

    Path ragged = dir.resolve("ragged");
    MainTest.Run wrong =
        MainTest.run(concat(model, new String[] {"--d-head", "5", "--out", ragged.toString()}));
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err())
        .isEqualTo(
            "einstruct: --d-head: heads of 5 do not tile the attention width 16; use a divisor"
                + " of it\n");
  }

  /** picocli reports a description it cannot format on System.err, not through the command. */
  @Test
  void helpPrintsNoFormattingWarnings() {
    java.io.PrintStream stderr = System.err;
    var captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    MainTest.Run help;
    try {
      help = MainTest.run("train", "--help");
    } finally {
      System.setErr(stderr);
    }
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--base-expansion").contains("--attn-scale-c");
    assertThat(help.err() + captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("WARN");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void missingDataIsOneLineAndExitTwo() {
    Path nowhere = dir.resolve("nowhere");
    MainTest.Run run =
        MainTest.run(
            "train",
            "--data",
            "mnist:" + nowhere,
            "--steps",
            "1",
            "--out",
            dir.resolve("x").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "einstruct: "
                + nowhere.resolve("train-images-idx3-ubyte.gz")
                + ": no such file (nor train-images-idx3-ubyte); install the data (apt-get install "
                + "dataset-fashion-mnist) or point --data at its directory\n");
  }

  @Test
  void aMisspeltStructureParameterPointsAtTheOption() {
    MainTest.Run run =
        MainTest.run(
            "train",
            "--structure",
            "btt",
            "-p",
            "rnak=2",
            "--steps",
            "1",
            "--out",
            dir.resolve("y").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "<command line>:1:4: structure 'btt' has no parameter "
                + "'rnak'; did you mean 'rank'? parameters: d_in, d_out, rank\n"
                + "  -p rnak=2\n"
                + "     ^~~~~~\n");
  }

  @Test
  void coordCheckWritesCsvAndJson() throws Exception {
    Path out = dir.resolve("cc");
    MainTest.Run run =
        MainTest.run(
            "coord-check",
            "--structure",
            "kron",
            "--widths",
            "16,64",
            "--steps",
            "2",
            "--batch",
            "32",
            "--depth",
            "1",
            "--threads",
            "1",
            "--out",
            out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("width  μP Δh RMS  naive Δh RMS")
        .contains("μP: largest / smallest across widths = ");
    assertThat(Files.readAllLines(out.resolve("coord-check.csv")).get(0))
        .isEqualTo("structure,width,parameterization,step,delta_rms");
    assertThat(Files.readAllLines(out.resolve("coord-check.csv"))).hasSize(1 + 2 * 2 * 2);
    assertThat(Files.readString(out.resolve("coord-check.json"))).contains("\"format_version\"");
    assertThat(Files.readString(out.resolve("index.html"))).contains("μP coordinate check");
  }
}
