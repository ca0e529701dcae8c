package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The smallest byte-level GPT the command tests train: a pangram corpus, width 16, one block. */
final class TinyGpt {
  private TinyGpt() {}

  /** The model and data options of the tiny GPT, its corpus written into {@code dir}. */
  static List<String> options(Path dir) throws IOException {
    Path text = dir.resolve("corpus.txt");
    if (!Files.exists(text)) {
      Files.writeString(text, "the quick brown fox jumps over the lazy dog. ".repeat(400));
    }
    return List.of(
        "--model",
        "gpt",
        "--data",
        "text:" + text,
        "--context",
        "16",
        "--batch",
        "8",
        "--width",
        "16",
        "--depth",
        "1",
        "--heads",
        "2",
        "--threads",
        "1");
  }

  /** {@code train} of the tiny GPT with {@code more} options; it must succeed. */
  static MainTest.Run train(Path dir, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(options(dir));
    args.addAll(List.of(more));
    MainTest.Run run = MainTest.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return run;
  }
}
