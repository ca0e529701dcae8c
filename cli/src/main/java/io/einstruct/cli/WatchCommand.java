package io.einstruct.cli;

import io.einstruct.search.store.TrialStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code einstruct watch}: a study's status, redrawn until it is done. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description =
        "Show a study's trials, running ones with their latest evaluation, every few seconds"
            + " until nothing is queued or running (redrawn on a terminal, plain otherwise).")
final class WatchCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
  String study;

  @Option(
      names = "--every",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Seconds between redraws (5).")
  double every;

  @Override
  public Integer call() throws InterruptedException {
    if (!(every > 0) || every > 3600) {
      throw io.einstruct.dsl.EinError.of("--every", "must be between 0 and 3600 s, got " + every);
    }
    boolean terminal = System.console() != null;
    var out = spec.commandLine().getOut();
    try (TrialStore s = TrialStore.openExisting(store.url(study), 1)) {
      StudyCommand.requireStudy(s, study);
      while (true) {
        String text = StudyCommand.render(s, study);
        // a terminal is cleared and redrawn; a log gets each status after the last
        out.print(terminal ? "\033[H\033[2J" + text : text + System.lineSeparator());
        out.flush();
        if (s.status(study).finished()) {
          return Main.OK;
        }
        Thread.sleep(Math.round(every * 1000));
      }
    }
  }
}
