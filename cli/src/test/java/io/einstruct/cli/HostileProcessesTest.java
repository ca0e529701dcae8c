package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of issue 14, each in a JVM of 1 GiB of heap: every one ends, well within a
 * minute (a hang detector, not a speed test), with exit 2 and a one-line error (a source error adds
 * its line and caret), never a stack trace or an out-of-memory death.
 */
class HostileProcessesTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String layer(String size) {
    return "structure s(d_in, d_out) {\n  dim o = d_out\n  dim i = "
        + size
        + "\n  y[o] = W[o, i] * x[i]\n}\n";
  }

  private static String list(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      out.append(i == 1 ? "" : ", ").append(i);
    }
    return out.toString();
  }

  @Test
  void everyHostileInputEndsInAOneLineError() throws Exception {
    Map<String, String[]> cases = new LinkedHashMap<>();
    String describe = "describe";
    cases.put(
        "2,000 nested parentheses",
        new String[] {
          describe,
          write("deep.ein", layer("(".repeat(2000) + "d_in" + ")".repeat(2000))).toString(),
          "-p",
          "d_in=8",
          "-p",
          "d_out=8"
        });
    cases.put(
        "a 5,000-term sum",
        new String[] {
          describe,
          write("wide.ein", layer("d_in" + " + 0".repeat(5000))).toString(),
          "-p",
          "d_in=8",
          "-p",
          "d_out=8"
        });
    StringBuilder factors = new StringBuilder();
    StringBuilder dims = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      dims.append("  dim a").append(i).append(" = 2\n");
    }
    for (int i = 0; i < 3000; i++) {
      factors
          .append("F")
          .append(i)
          .append("[a")
          .append(i % 40)
          .append(", a")
          .append((i + 1) % 40)
          .append("] * ");
    }
    cases.put(
        "3,000 factors",
        new String[] {
          describe,
          write(
                  "many.ein",
                  "structure m(d_in, d_out) {\n" + dims + "  y[a0] = " + factors + "x[a1]\n}\n")
              .toString(),
          "-p",
          "d_in=2",
          "-p",
          "d_out=2"
        });
    cases.put(
        "a 2.8 MB line",
        new String[] {
          describe,
          write("long.ein", layer("d_in + $" + " + 1".repeat(700_000))).toString(),
          "-p",
          "d_in=8",
          "-p",
          "d_out=8"
        });
    String task = "name: s\ntask: {data: teacher, steps: 2}\n";
    cases.put(
        "200,000 widths",
        new String[] {
          "search",
          "validate",
          write(
                  "w.yaml",
                  task + "structures: [{builtin: dense}]\nwidths: [" + list(200_000) + "]\n")
              .toString()
        });
    cases.put(
        "an unbounded 2000 × 2000 grid",
        new String[] {
          "search",
          "validate",
          write(
                  "g.yaml",
                  task
                      + "structures: [{builtin: btt, params: {rank: ["
                      + list(2000)
                      + "]}}]\nwidths: ["
                      + list(2000)
                      + "]\n")
              .toString()
        });
    cases.put(
        "a θ grid of 101 fractions",
        new String[] {
          "search",
          "validate",
          write(
                  "t.yaml",
                  task
                      + "structures: [{theta_grid: {fractions: ["
                      + fractions(101)
                      + "]}}]\nwidths: [16]\n")
              .toString()
        });
    cases.put(
        "a 30 MB string",
        new String[] {
          "search",
          "validate",
          write("big.yaml", "name: \"" + "x".repeat(30_000_000) + "\"\n").toString()
        });
    cases.put(
        "/dev/zero as text",
        new String[] {"train", "--model", "gpt", "--data", "text:/dev/zero", "--dry-run"});
    cases.put("--threads 100000", new String[] {"train", "--threads", "100000", "--dry-run"});
    cases.put("--batch 2^30", new String[] {"train", "--batch", "1073741824", "--dry-run"});
    List<String> report = new ArrayList<>();
    for (var c : cases.entrySet()) {
      Path log = dir.resolve("case-" + report.size() + ".log");
      Process p = WorkerProcesses.start(log, Map.of(), List.of("-Xmx1g"), c.getValue());
      boolean ended = p.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly().waitFor();
      }
      String out = WorkerProcesses.read(log);
      assertThat(ended).as("%s ended", c.getKey()).isTrue();
      assertThat(p.exitValue()).as("%s: %s", c.getKey(), out).isEqualTo(2);
      assertThat(out).as(c.getKey()).doesNotContain("Exception", "\tat ", "OutOfMemory");
      assertThat(out.lines().count()).as("%s: %s", c.getKey(), out).isBetween(1L, 3L);
      assertThat(out.lines().mapToInt(String::length).max().orElse(0))
          .as("%s: %s", c.getKey(), out)
          .isLessThan(400);
      report.add(c.getKey() + " → " + out.lines().findFirst().orElse(""));
    }
    assertThat(report).hasSize(cases.size());
    report.forEach(System.out::println);
  }

  private static String fractions(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ", ").append(i / (double) (n - 1));
    }
    return out.toString();
  }
}
