package io.einstruct.cli;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.einstruct.dsl.EinError;
import io.einstruct.train.run.AtomicFiles;
import io.einstruct.train.run.CoordCheck;
import io.einstruct.train.run.CoordPoint;
import io.einstruct.train.run.Json;
import io.einstruct.train.run.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct coord-check}: does μP keep feature updates the same size across widths? */
@Command(
    name = "coord-check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a structure at several widths for a few steps, with μP and with naive rates, "
          + "and report the RMS change of the last hidden activation per step. Under μP it "
          + "stays the same size across widths.",
      "",
      "Example: einstruct coord-check --structure btt --widths 64,128,256,512,1024 --steps 20"
    })
final class CoordCheckCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Mixin TrainCommand.TrainOptions options = new TrainCommand.TrainOptions();

  @Option(
      names = "--widths",
      defaultValue = "64,128,256,512,1024",
      split = ",",
      description = "Widths to compare (64,128,256,512,1024).")
  List<Integer> widths;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write coord-check.csv and "
              + "coord-check.json here (default: runs/coord-check-STRUCTURE).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
      throw EinError.of("--widths", "expected positive widths, got " + widths);
    }
    // --steps is the length of each run here; 20 unless given
    int checkSteps = options.steps > 0 ? (int) Math.min(options.steps, 100_000) : 20;
    if (options.initFrom != null) {
      throw EinError.setting(
          "init-from", "the coordinate check starts every width from μP's random start");
    }
    TrainConfig config = options.config();
    var err = spec.commandLine().getErr();
    List<CoordPoint> points =
        new CoordCheck(main.library())
            .run(
                config,
                widths,
                checkSteps,
                done -> {
                  err.println("  done: " + done);
                  err.flush();
                });
    Path dir =
        out != null
            ? out
            : Path.of(
                "runs",
                "coord-check-"
                    + Path.of(config.model().structure())
                        .getFileName()
                        .toString()
                        .replaceAll("\\.ein$", ""));
    write(dir, config, points, checkSteps);
    print(points);
    return Main.OK;
  }

  private void write(Path dir, TrainConfig config, List<CoordPoint> points, int checkSteps)
      throws Exception {
    CsvMapper csv = new CsvMapper();
    CsvSchema schema =
        CsvSchema.builder()
            .setUseHeader(true)
            .addColumn("structure")
            .addColumn("width")
            .addColumn("parameterization")
            .addColumn("step")
            .addColumn("delta_rms")
            .build();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CoordPoint p : points) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("structure", p.structure());
      row.put("width", p.width());
      row.put("parameterization", p.parameterization());
      row.put("step", p.step());
      row.put("delta_rms", p.deltaRms());
      rows.add(row);
    }
    AtomicFiles.write(
        dir.resolve("coord-check.csv"),
        csv.writer(schema).writeValueAsString(rows).getBytes(StandardCharsets.UTF_8));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format_version", 1);
    json.put("config", config);
    json.put("widths", widths);
    json.put("steps", checkSteps);
    json.put("points", points);
    Json.write(dir.resolve("coord-check.json"), json);
    io.einstruct.reports.ReportWriter.write(
        io.einstruct.reports.CoordCheckReport.build(config.model().structure(), points, checkSteps),
        dir);
    spec.commandLine()
        .getErr()
        .println(
            "wrote " + dir.resolve("coord-check.csv") + " and " + dir.resolve("coord-check.json"));
  }

  private void print(List<CoordPoint> points) {
    TextTable table = new TextTable(">width", ">μP Δh RMS", ">naive Δh RMS");
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int w : widths) {
      double mup = CoordCheck.mean(points, w, "mup");
      lo = Math.min(lo, mup);
      hi = Math.max(hi, mup);
      table.row(
          w,
          String.format(Locale.ROOT, "%.4g", mup),
          String.format(Locale.ROOT, "%.4g", CoordCheck.mean(points, w, "naive")));
    }
    var o = spec.commandLine().getOut();
    o.print("mean RMS change of the last hidden activation per step\n" + table.render("  "));
    o.printf(Locale.ROOT, "μP: largest / smallest across widths = %.2f%n", hi / lo);
    o.flush();
  }
}
