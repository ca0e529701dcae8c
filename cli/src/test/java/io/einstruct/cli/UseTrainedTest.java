package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.MetricsLog;
import io.einstruct.train.run.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} and {@code sample} on runs trained here: a tiny GPT and a tiny teacher MLP. */
class UseTrainedTest {
  @TempDir static Path dir;

  static Path gpt;
  static Path mlp;

  @BeforeAll
  static void train() throws Exception {
    gpt = dir.resolve("gpt");
    TinyRuns.gpt(dir, "--steps", "12", "--eval-every", "6", "--out", gpt.toString());
    mlp = dir.resolve("mlp");
    TinyRuns.teacher("--steps", "4", "--eval-every", "2", "--out", mlp.toString());
  }

  @Test
  void evalGivesTheRunsLastTestLossAgainWithBitsPerByte() throws Exception {
    List<EvalPoint> points = new MetricsLog(gpt.resolve(Trainer.METRICS)).read();
    EvalPoint last = points.get(points.size() - 1);
    MainTest.Run json = MainTest.run("eval", gpt.toString(), "--format", "json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode n = new ObjectMapper().readTree(json.out());
    assertThat(n.get("step").asLong()).isEqualTo(12);
    assertThat(n.get("loss").asDouble())
        .isCloseTo(last.testLoss(), org.assertj.core.data.Offset.offset(1e-5));
    assertThat(n.get("error").asDouble())
        .isCloseTo(last.testError(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(n.get("bits_per_byte").asDouble())
        .isCloseTo(last.testLoss() / Math.log(2), org.assertj.core.data.Offset.offset(1e-5));
    assertThat(n.get("perplexity").asDouble())
        .isCloseTo(Math.exp(last.testLoss()), org.assertj.core.data.Offset.offset(1e-4));
    MainTest.Run text = MainTest.run("eval", gpt.toString());
    assertThat(text.out())
        .contains("at step 12 on ")
        .contains("  bits/byte   ")
        .contains("  perplexity  ");
    // a regression run has a loss and no error
    MainTest.Run teacher = MainTest.run("eval", mlp.toString(), "--format", "json");
    assertThat(new ObjectMapper().readTree(teacher.out()).get("error").isNull()).isTrue();
  }

  @Test
  void evalOnOtherDataOfTheSameShapeAndNotOnDataOfAnother() throws Exception {
    Path other = dir.resolve("other.txt");
    Files.writeString(other, "pack my box with five dozen liquor jugs. ".repeat(300));
    MainTest.Run ok = MainTest.run("eval", gpt.toString(), "--data", "text:" + other);
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("other.txt");
    MainTest.Run wrong = MainTest.run("eval", mlp.toString(), "--data", "text:" + other);
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err())
        .startsWith(
            "einstruct: --data: text:"
                + other
                + " gives text per example; the run was trained on 8 features and 1 output")
        .doesNotContain("\tat ");
    MainTest.Run missing = MainTest.run("eval", dir.resolve("nowhere").toString());
    assertThat(missing.err())
        .isEqualTo(
            "einstruct: "
                + dir.resolve("nowhere")
                + ": no such run directory"
                + System.lineSeparator());
  }

  @Test
  void exportWritesBothFormatsAndRefusesToOverwriteADirectory() throws Exception {
    Path file = dir.resolve("gpt.safetensors");
    MainTest.Run st =
        MainTest.run("export", gpt.toString(), "--format", "safetensors", "--out", file.toString());
    assertThat(st.code()).as(st.err()).isZero();
    assertThat(st.out()).startsWith(file + ": ").contains(" tensors, ").contains("(step 12)");
    assertThat(io.einstruct.dsl.tensor.Safetensors.read(file).metadata())
        .containsEntry("einstruct.model", "gpt");
    Path saved = dir.resolve("gpt-saved");
    MainTest.Run sm =
        MainTest.run("export", gpt.toString(), "--format", "savedmodel", "--out", saved.toString());
    assertThat(sm.code()).as(sm.err()).isZero();
    assertThat(saved.resolve("saved_model.pb")).exists();
    assertThat(saved.resolve("variables").resolve("variables.index")).exists();
    MainTest.Run again =
        MainTest.run("export", gpt.toString(), "--format", "savedmodel", "--out", saved.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err())
        .isEqualTo(
            "einstruct: --out: "
                + saved
                + " exists; a SavedModel is written into a new directory"
                + System.lineSeparator());
  }

  @Test
  void predictReadsIdxAndPngAlikeAndRefusesWhatItCannotClassify() throws Exception {
    Path fashion = dir.resolve("fashion");
    MainTest.Run t =
        MainTest.run(
            "train",
            "--width",
            "8",
            "--depth",
            "1",
            "--steps",
            "3",
            "--threads",
            "1",
            "--out",
            fashion.toString());
    assertThat(t.code()).as(t.err()).isZero();
    Path idx =
        io.einstruct.train.data.ImageDatasets.FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz");
    MainTest.Run two =
        MainTest.run(
            "predict", fashion.toString(), "--input", idx.toString(), "--limit", "2", "--top", "2");
    assertThat(two.code()).as(two.err()).isZero();
    List<String> lines = two.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .matches("image 0:  \\S.* \\(\\d\\) \\d+\\.\\d%  .* \\(\\d\\) \\d+\\.\\d%");
    // the first test image as a PNG: the same classes and probabilities
    var a = io.einstruct.train.data.IdxReader.read(idx, 3);
    java.awt.image.BufferedImage png =
        new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        int v = a.data()[y * 28 + x] & 0xff;
        png.getRaster().setSample(x, y, 0, v);
      }
    }
    Path file = dir.resolve("first.png");
    javax.imageio.ImageIO.write(png, "png", file.toFile());
    MainTest.Run one =
        MainTest.run("predict", fashion.toString(), "--input", file.toString(), "--top", "2");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out().strip()).isEqualTo(lines.get(0).replace("image 0:", "first.png:"));
    MainTest.Run big =
        MainTest.run(
            "predict",
            fashion.toString(),
            "--input",
            dir.resolve("first.png").toString().replace("first", "first"),
            "--top",
            "0");
    assertThat(big.err())
        .isEqualTo("einstruct: --top: must be at least 1, got 0" + System.lineSeparator());
    MainTest.Run text = MainTest.run("predict", gpt.toString(), "--input", file.toString());
    assertThat(text.err())
        .isEqualTo(
            "einstruct: "
                + gpt
                + ": was not trained on images; predict needs an image run"
                + System.lineSeparator());
  }

  /** 20 bytes from the GPT after "the ", with {@code options}. */
  private static MainTest.Run sample(String... options) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("sample", gpt.toString(), "--prompt", "the ", "--tokens", "20"));
    args.addAll(List.of(options));
    return MainTest.run(args.toArray(String[]::new));
  }

  @Test
  void samplingIsSeededAndStreamsAfterThePrompt() {
    MainTest.Run a = sample("--seed", "3");
    assertThat(a.code()).as(a.err()).isZero();
    MainTest.Run b = sample("--seed", "3");
    assertThat(a.out()).isEqualTo(b.out()).startsWith("the ");
    assertThat(a.err()).startsWith("20 tokens in ").contains("tokens/s");
    MainTest.Run greedy = sample("--temperature", "0", "--seed", "1");
    MainTest.Run greedy2 = sample("--temperature", "0", "--seed", "2");
    assertThat(greedy.out()).isEqualTo(greedy2.out());
    MainTest.Run onMlp = MainTest.run("sample", mlp.toString(), "--prompt", "x");
    assertThat(onMlp.code()).isEqualTo(2);
    assertThat(onMlp.err())
        .isEqualTo(
            "einstruct: "
                + mlp
                + ": is a mlp run; sample needs a gpt run"
                + System.lineSeparator());
    MainTest.Run badK = MainTest.run("sample", gpt.toString(), "--top-k", "300");
    assertThat(badK.err())
        .isEqualTo(
            "einstruct: --top-k: must be 0 (every byte) to 256, got 300" + System.lineSeparator());
  }
}
