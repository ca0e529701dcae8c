package io.einstruct.benchmarks;

import io.einstruct.dsl.count.Counts;
import io.einstruct.dsl.library.Library;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link LayerBench} and prints its results as the Markdown table of {@code
 * docs/benchmarks.md}: {@code | structure | width | pass | ms | GFLOP/s |}, and each pass's GFLOP/s
 * as a share of dense's at the same width.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.einstruct.benchmarks.BenchTable \
 *     [--structure LABEL]... [--width N]... [--lowering auto|einsum|bmm] [--order planned|chain]
 *     [--threads N] [--quick] [--out FILE]
 * </pre>
 */
public final class BenchTable {
  private BenchTable() {}

  /** One measured row. */
  record Row(String structure, int width, String pass, double ms, double gflops) {}

  public static void main(String[] args) throws RunnerException {
    List<String> structures = new ArrayList<>();
    List<String> widths = new ArrayList<>();
    String lowering = "auto";
    String order = "planned";
    String threads = "0";
    boolean quick = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--structure" -> structures.add(args[++i]);
        case "--width" -> widths.add(args[++i]);
        case "--lowering" -> lowering = args[++i];
        case "--order" -> order = args[++i];
        case "--threads" -> threads = args[++i];
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("BenchTable: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(LayerBench.class.getName() + "\\.")
            .param("lowering", lowering)
            .param("order", order)
            .param("threads", threads);
    if (!structures.isEmpty()) {
      options.param("structure", structures.toArray(String[]::new));
    }
    if (!widths.isEmpty()) {
      options.param("width", widths.toArray(String[]::new));
    }
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(3)
          .measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    String table =
        String.format(
                Locale.ROOT,
                "Lowering %s, %s order, %s threads, batch 1024.%n%n",
                lowering,
                order,
                threads.equals("0") ? "all" : threads)
            + markdown(rows(results));
    System.out.print(table);
    if (out != null) {
      write(out, table);
    }
  }

  /** The rows of {@code results}: time per pass and 2 × MACs / time. */
  static List<Row> rows(Collection<RunResult> results) {
    Library library = Library.builtIns();
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      var params = r.getParams();
      String structure = params.getParam("structure");
      int width = Integer.parseInt(params.getParam("width"));
      int batch = Integer.parseInt(params.getParam("batch"));
      boolean backward = params.getBenchmark().endsWith("fwdBwd");
      double ms = r.getPrimaryResult().getScore();
      long macs = Counts.of(BenchStructure.parse(structure).bind(library, width)).macs();
      rows.add(
          new Row(
              structure,
              width,
              backward ? "fwd+bwd" : "fwd",
              ms,
              gflops(macs, batch, backward, ms)));
    }
    return rows;
  }

  /** 2 × MACs / time; the backward pass (input and factor gradients) costs twice the forward. */
  static double gflops(long macsPerRow, int batch, boolean backward, double ms) {
    double flops = 2.0 * macsPerRow * batch * (backward ? 3 : 1);
    return flops / (ms * 1e6);
  }

  /**
   * The table, then each structure against dense at the same width and pass, measured in the same
   * run: its GFLOP/s as a share of dense's, and its time as a multiple of dense's (below 1: the
   * structure is faster, which is what its fewer FLOPs promise).
   */
  static String markdown(List<Row> rows) {
    StringBuilder s = new StringBuilder("| structure | width | pass | ms | GFLOP/s |\n");
    s.append("|---|---:|---|---:|---:|\n");
    Map<String, Row> dense = new LinkedHashMap<>();
    for (Row r : rows) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %.3f | %.1f |%n",
              r.structure(),
              r.width(),
              r.pass(),
              r.ms(),
              r.gflops()));
      if (r.structure().equals("dense")) {
        dense.put(r.width() + r.pass(), r);
      }
    }
    if (!dense.isEmpty()) {
      s.append(
          "\n| structure | width | pass | % of dense GFLOP/s | time × dense |\n"
              + "|---|---:|---|---:|---:|\n");
      for (Row r : rows) {
        Row d = dense.get(r.width() + r.pass());
        if (d != null && !r.structure().equals("dense")) {
          s.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %s | %.0f%% | %.2f× |%n",
                  r.structure(),
                  r.width(),
                  r.pass(),
                  100 * r.gflops() / d.gflops(),
                  r.ms() / d.ms()));
        }
      }
    }
    return s.toString();
  }

  private static void write(Path out, String text) {
    try {
      Path dir = out.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
