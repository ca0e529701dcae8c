package io.einstruct.cli;

import io.einstruct.reports.ReportWriter;
import io.einstruct.reports.StudyReport;
import io.einstruct.search.fit.ComputeAxis;
import io.einstruct.search.store.TrialStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct report}: the report of a study. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Write the report of a study (--study), or of train runs (RUN_DIR..., each a run directory"
            + " or a directory of runs), into --out: index.html (self-contained, charts inline),"
            + " report.md, report.json, charts/*.svg and tables/*.csv.")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--study", paramLabel = "NAME", description = "The study.")
  String study;

  @picocli.CommandLine.Parameters(
      paramLabel = "RUN_DIR",
      arity = "0..*",
      description = "Run directories of einstruct train, or directories holding them.")
  java.util.List<Path> runs = new java.util.ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Directory to write (default: runs/STUDY-report, or runs/report for runs).")
  Path out;

  @Option(
      names = "--compute",
      defaultValue = "total",
      paramLabel = "AXIS",
      description = "The compute axis: total (default) or non-embedding (without the head's).")
  String compute;

  @Override
  public Integer call() {
    if ((study == null) == runs.isEmpty()) {
      throw io.einstruct.dsl.EinError.of(
          "--study", "give a study (--study NAME) or run directories (RUN_DIR...), not both");
    }
    if (study == null) {
      var dirs = io.einstruct.reports.RunReport.runs(runs);
      Path index =
          ReportWriter.write(
              io.einstruct.reports.RunReport.build(dirs),
              out != null ? out : Path.of("runs", "report"));
      spec.commandLine().getOut().println("report: " + index);
      spec.commandLine().getOut().flush();
      return Main.OK;
    }
    ComputeAxis axis = ComputeAxis.parse(compute);
    Path dir = out != null ? out : Path.of("runs", study + "-report");
    try (TrialStore s = TrialStore.openExisting(store.url(study), 1)) {
      Path index = ReportWriter.write(StudyReport.build(s, study, main.library(), axis), dir);
      spec.commandLine().getOut().println("report: " + index);
      spec.commandLine().getOut().flush();
    }
    return Main.OK;
  }
}
