package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code einstruct report RUN_DIR...}: the report of train runs, read from their directories. */
class RunReportTest {
  @TempDir Path dir;

  private void train(String name, String structure) {
    MainTest.Run run =
        MainTest.run(
            "train",
            "--data",
            "teacher",
            "--structure",
            structure,
            "--width",
            "16",
            "--depth",
            "1",
            "--batch",
            "16",
            "--steps",
            "6",
            "--eval-every",
            "2",
            "--threads",
            "1",
            "--out",
            dir.resolve("runs").resolve(name).toString());
    assertThat(run.code()).as(run.err()).isZero();
  }

  @Test
  void aDirectoryOfRunsGivesOneReportWithTheirCurvesAndSources() throws Exception {
    train("dense16", "dense");
    train("btt16", "btt");
    Path out = dir.resolve("report");
    MainTest.Run report =
        MainTest.run("report", dir.resolve("runs").toString(), "--out", out.toString());
    assertThat(report.code()).as(report.err()).isZero();
    String html = Files.readString(out.resolve("index.html"));
    assertThat(html)
        .contains("<h1>2 runs</h1>")
        .contains("Training loss by step", "Training loss by training FLOPs")
        .contains("Training loss by wall-clock seconds", "Test loss by step")
        .contains("btt16: config.json", "dense16: structure source (SHA-256 ")
        .contains("<pre><code>", "structure btt(");
    String markdown = Files.readString(out.resolve("report.md"));
    assertThat(markdown).contains("```\n").contains("structure dense(");
    assertThat(Files.readAllLines(out.resolve("tables").resolve("runs.csv"))).hasSize(3);
  }

  @Test
  void aStudyOrRunsButNotBothNorNeither() {
    MainTest.Run neither = MainTest.run("report");
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err())
        .isEqualTo(
            "einstruct: --study: give a study (--study NAME) or run directories (RUN_DIR...), not"
                + " both"
                + System.lineSeparator());
    MainTest.Run missing = MainTest.run("report", dir.resolve("nowhere").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo(
            "einstruct: "
                + dir.resolve("nowhere")
                + ": no such run directory"
                + System.lineSeparator());
  }
}
