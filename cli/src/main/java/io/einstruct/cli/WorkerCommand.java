package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.StudyFile;
import io.einstruct.search.worker.StudyRunner;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct worker}: one more worker on a study, on this machine or another. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Claim and train trials of a study until none is left. Run it on as many machines as "
          + "you like against a shared PostgreSQL store.",
      "",
      "Example: einstruct worker --store jdbc:postgresql://db/einstruct --study quickstart"
    })
final class WorkerCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin WorkerFlags flags = new WorkerFlags();

  @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
  String study;

  @Option(
      names = "--workers",
      defaultValue = "1",
      paramLabel = "N",
      description = "Workers in this process (1).")
  int workers;

  @Override
  public Integer call() {
    if (workers < 1) {
      throw EinError.of("--workers", "must be at least 1, got " + workers);
    }
    var options = flags.options(workers, study);
    try (TrialStore s =
        StudySession.patience(options, spec.commandLine().getErr())
            .call("open the store", () -> TrialStore.openExisting(store.url(study), workers + 2))) {
      long id =
          s.studyId(study)
              .orElseThrow(
                  () ->
                      EinError.of(
                          "--study",
                          "no study '"
                              + study
                              + "' in "
                              + s.url()
                              + "; create it with einstruct search"));
      String text = s.spec(study).orElseThrow();
      StudyFile file = StudyFile.parse(new Source(study + ".yaml", text), null);
      var err = spec.commandLine().getErr();
      SearchProgress progress = new SearchProgress(err, s, study, workers);
      try (Interrupts interrupts = new Interrupts()) {
        new StudyRunner(s, main.library(), options, progress, interrupts.request())
            .run(id, study, file.spec(), workers);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s%n", progress.line());
        spec.commandLine().getOut().flush();
        if (interrupts.stopped()) {
          err.println(StudySession.interrupted(interrupts, s.status(study)));
          err.flush();
          return interrupts.exitCode();
        }
      }
      return Main.OK;
    }
  }
}
