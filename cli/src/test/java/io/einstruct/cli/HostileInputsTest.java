package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs a careless or hostile user gives: each a one-line error, or handled as meant. */
class HostileInputsTest {
  @TempDir Path dir;

  private static final String TINY = "--data teacher --width 8 --depth 1 --dry-run";

  private static MainTest.Run train(String extra) {
    return MainTest.run(("train " + TINY + " " + extra).split(" "));
  }

  @Test
  void valuesOutOfRangeAreOneLineErrors() {
    String[][] cases = {
      {"--lr Infinity", "einstruct: --lr: must be positive, got Infinity"},
      {"--steps -1", "einstruct: --steps: must be at least 0, got -1"},
      {"--eval-every -5", "einstruct: --eval-every: must be at least 0, got -5"},
      {"--threads -2", "einstruct: --threads: must be 0 (every core) or 1 to "},
      {"--threads 100000", "einstruct: --threads: must be 0 (every core) or 1 to "},
      {"--batch 1073741824", "einstruct: --batch: a step of batch 1073741824 would hold about "},
      {
        "--device gpu:0",
        "einstruct: --device: gpu:0 asked for, but TensorFlow sees no GPU here (the CPU build, or"
            + " no CUDA device); use cpu, or build with -Pgpu on a machine with one"
      },
    };
    for (String[] c : cases) {
      MainTest.Run run = train(c[0]);
      assertThat(run.code()).as(c[0]).isEqualTo(2);
      assertThat(run.err()).as(c[0]).startsWith(c[1]);
      assertThat(run.err().lines()).as(c[0]).hasSize(1);
    }
  }

  @Test
  void aStoreUrlWithoutAFileIsRefused() {
    MainTest.Run run = MainTest.run("study", "status", "--store", "sqlite:?x", "--study", "s");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "einstruct: --store: sqlite: needs a file before any '?', as in sqlite:runs/study.db"
                + System.lineSeparator());
    assertThat(Files.exists(Path.of("?x"))).isFalse();
  }

  @Test
  void aFractionalWidthIsAnErrorAndAByteOrderMarkIsNot() throws Exception {
    Path study = dir.resolve("s.yaml");
    String text = "name: s\ntask: {data: teacher, steps: 2}\nstructures: [{builtin: dense}]\n";
    Files.writeString(study, text + "widths: [16.5]\n");
    MainTest.Run bad = MainTest.run("search", "validate", study.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith(study + ":4:").contains("'widths[0]': expected an integer");
    Files.writeString(study, "\uFEFF" + text + "widths: [16]\n");
    MainTest.Run bom = MainTest.run("search", "validate", study.toString());
    assertThat(bom.code()).as(bom.err()).isZero();
  }

  @Test
  void controlCharactersAndFormulasAreMadeInert() {
    assertThat(TextTable.printable("bad\u001b[31mred\u0007")).isEqualTo("bad\\u001b[31mred\\u0007");
    assertThat(StudyCommand.Export.inert("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
    assertThat(StudyCommand.Export.inert("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(StudyCommand.Export.inert("btt | width 64")).isEqualTo("btt | width 64");
  }

  @Test
  void devicesAreNotReadAsFiles() throws Exception {
    MainTest.Run text =
        MainTest.run("train", "--model", "gpt", "--data", "text:/dev/zero", "--dry-run");
    assertThat(text.code()).isEqualTo(2);
    assertThat(text.err())
        .isEqualTo(
            "einstruct: /dev/zero: cannot read text: not a regular file" + System.lineSeparator());
    Path study = dir.resolve("s.yaml");
    Files.writeString(
        study,
        "name: s\ntask: {data: teacher, steps: 2}\nstructures: [{file: /dev/zero}]\nwidths: [8]\n");
    MainTest.Run outside = MainTest.run("search", "validate", study.toString());
    assertThat(outside.code()).isEqualTo(2);
    assertThat(outside.err())
        .contains("/dev/zero is outside the study's directory ")
        .contains("; move it there, or pass --allow-outside");
    MainTest.Run ein = MainTest.run("search", "--allow-outside", "validate", study.toString());
    assertThat(ein.code()).isEqualTo(2);
    assertThat(ein.err()).contains("cannot read structure file /dev/zero: not a regular file");
    MainTest.Run yaml = MainTest.run("search", "validate", "/dev/zero");
    assertThat(yaml.code()).isEqualTo(2);
    assertThat(yaml.err())
        .isEqualTo(
            "einstruct: /dev/zero: cannot be read: not a regular file" + System.lineSeparator());
  }

  @Test
  void aStudyTooLargeToExpandIsRefusedAtOnce() throws Exception {
    Path study = dir.resolve("big.yaml");
    StringBuilder widths = new StringBuilder();
    for (int w = 1; w <= 200_000; w++) {
      widths.append(w == 1 ? "" : ", ").append(w);
    }
    Files.writeString(
        study,
        "name: big\ntask: {data: teacher, steps: 2}\nstructures: [{builtin: dense}]\nwidths: ["
            + widths
            + "]\n");
    MainTest.Run many = MainTest.run("search", "validate", study.toString());
    assertThat(many.code()).isEqualTo(2);
    assertThat(many.err())
        .startsWith(study + ":3:1: the study would expand to 200000 configurations");
    StringBuilder ranks = new StringBuilder();
    for (int r = 1; r <= 2000; r++) {
      ranks.append(r == 1 ? "" : ", ").append(r);
    }
    // 2000 ranks × 2000 widths: 4,000,000 configurations
    String space =
        "name: big\ntask: {data: teacher, steps: 2}\nstructures: [{builtin: btt, params: {rank: ["
            + ranks
            + "]}}]\nwidths: ["
            + ranks
            + "]\n";
    Files.writeString(study, space + "budget: {max_trials: 10}\n");
    MainTest.Run grid = MainTest.run("search", "validate", study.toString());
    // bounded by max_trials, the 4,000,000 configurations are read lazily: the first 10
    assertThat(grid.code()).as(grid.err()).isZero();
    assertThat(grid.out()).startsWith("study big: 10 trials");
    Files.writeString(study, space + "sampler: {kind: random, samples: 7, seed: 3}\n");
    MainTest.Run drawn = MainTest.run("search", "validate", study.toString());
    assertThat(drawn.code()).as(drawn.err()).isZero();
    assertThat(drawn.out()).containsPattern("^study big: [1-7] trials");
    Files.writeString(study, space);
    MainTest.Run unbounded = MainTest.run("search", "validate", study.toString());
    assertThat(unbounded.code()).isEqualTo(2);
    assertThat(unbounded.err()).contains("the study would expand to 4000000 configurations");
  }
}
