package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Plural;
import io.einstruct.search.study.Expansion;
import io.einstruct.search.study.StudyExpander;
import io.einstruct.search.study.StudyFile;
import io.einstruct.search.study.TrialSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct search}: run a study, or continue it. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = SearchCommand.Validate.class,
    description = {
      "Create or continue the study of STUDY.yaml in the store and run local workers until "
          + "every trial is done, then print the scaling laws. Trials already done are never "
          + "run again; other machines can help with 'einstruct worker'.",
      "",
      "Example: einstruct search study.yaml --store sqlite:runs/study.db --workers 1"
    })
final class SearchCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "STUDY",
      arity = "0..1",
      description = "The study file (.yaml or .json).")
  Path study;

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin WorkerFlags flags = new WorkerFlags();

  @Option(
      names = "--allow-outside",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Let the study's file: entries read .ein files outside its directory.")
  boolean allowOutside;

  @Option(
      names = "--workers",
      defaultValue = "1",
      paramLabel = "N",
      description = "Local workers (1); 0 only creates the study for remote workers.")
  int workers;

  @Option(
      names = "--report",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "DIR",
      description = "Write the study's report when it is done (to DIR, default runs/STUDY-report).")
  String report;

  @Override
  public Integer call() {
    if (study == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required parameter: 'STUDY'");
    }
    if (workers < 0) {
      throw EinError.of("--workers", "must be 0 or more, got " + workers);
    }
    StudyFile file = read(study, allowOutside);
    String name = file.spec().name();
    return StudySession.run(
        main.library(),
        file,
        store.url(name),
        workers,
        flags.options(Math.max(1, workers), name),
        report == null
            ? null
            : report.isEmpty() ? Path.of("runs", name + "-report") : Path.of(report),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  private static StudyFile read(Path study, boolean allowOutside) {
    StudyFile file = StudyFile.read(study);
    return allowOutside ? file.allowingOutside() : file;
  }

  /** {@code einstruct search validate}: list the trials a study would run. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description =
          "Check a study file and list the trials it would run, with their params, "
              + "MACs and estimated training FLOPs, without training anything.")
  static final class Validate implements Callable<Integer> {
    @ParentCommand private SearchCommand search;

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "STUDY", description = "The study file.")
    Path study;

    @Override
    public Integer call() {
      StudyFile file = read(study, search.allowOutside);
      Expansion e = StudyExpander.expand(file, search.main.library());
      TextTable table =
          new TextTable(
              ">#", "structure", ">width", ">lr", ">seed", ">params", ">MACs", ">FLOPs (est.)");
      for (TrialSpec t : e.trials()) {
        table.row(
            t.number(),
            t.label(),
            t.width(),
            String.format(Locale.ROOT, "%.3g", t.lr()),
            t.seed(),
            Numbers.count(t.params()),
            Numbers.count(t.forwardMacs()),
            String.format(Locale.ROOT, "%.3g", t.flops()));
      }
      var out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "study %s: %s, %.3g training FLOPs in all%n",
          file.spec().name(),
          Plural.of(e.trials().size(), "trial"),
          e.flops());
      out.print(table.render("  "));
      if (e.overBudget() > 0) {
        out.printf(
            "  %s more %s over the budget%n",
            Plural.of(e.overBudget(), "configuration"), e.overBudget() == 1 ? "is" : "are");
      }
      for (String skipped : e.skipped()) {
        out.println("  skipped: " + skipped);
      }
      out.flush();
      return Main.OK;
    }
  }
}
