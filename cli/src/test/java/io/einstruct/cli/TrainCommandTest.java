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
