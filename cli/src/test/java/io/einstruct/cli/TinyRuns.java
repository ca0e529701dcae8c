package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest runs the command tests train: a byte-level GPT on a pangram corpus (width 16, one
 * block) and an MLP on the teacher task (width 8, one block).
 */
final class TinyRuns {
  private TinyRuns() {}

  /** The model and data options of the tiny teacher MLP. */
  static List<String> teacherOptions() {
    return List.of(
        "--data", "teacher", "--width", "8", "--depth", "1", "--batch", "16", "--threads", "1");
  }

  /** {@code train} of the tiny teacher MLP with {@code more} options; it must succeed. */
  static MainTest.Run teacher(String... more) {
    return succeeds(teacherOptions(), more);
  }

  /** {@code train} of the tiny teacher MLP with {@code more} options, however it ends. */
  static MainTest.Run tryTeacher(String... more) {
    return MainTest.run(args(teacherOptions(), more));
  }

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
  static MainTest.Run gpt(Path dir, String... more) throws IOException {
    return succeeds(options(dir), more);
  }

  private static String[] args(List<String> options, String... more) {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(options);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static MainTest.Run succeeds(List<String> options, String... more) {
    MainTest.Run run = MainTest.run(args(options, more));
    assertThat(run.code()).as(run.err()).isZero();
    return run;
  }
}
