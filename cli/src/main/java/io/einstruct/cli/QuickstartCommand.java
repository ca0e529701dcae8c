package io.einstruct.cli;

import io.einstruct.dsl.Source;
import io.einstruct.search.study.StudyFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct quickstart}: the built-in study, start to finish. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the built-in study: the residual MLP on Fashion-MNIST with dense, lowrank, kron, "
          + "monarch, tt and btt layers at several widths (about 15 minutes on 2 cores), then "
          + "fit each structure's scaling law. Re-running continues where it stopped.",
      "",
      "The study file: einstruct quickstart --print"
    })
final class QuickstartCommand implements Callable<Integer> {
  /** The built-in study's resource. */
  static final String RESOURCE = "/io/einstruct/search/studies/quickstart.yaml";

  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin WorkerFlags flags = new WorkerFlags();

  @Option(
      names = "--workers",
      defaultValue = "1",
      paramLabel = "N",
      description = "Local workers (1: on 2 cores one worker with 2 threads is fastest).")
  int workers;

  @Option(names = "--print", description = "Print the study file and exit.")
  boolean print;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Where to write the report (default: runs/quickstart-report).")
  Path report;

  @Override
  public Integer call() {
    String text = text();
    if (print) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      return Main.OK;
    }
    StudyFile file = StudyFile.parse(new Source("quickstart.yaml", text), null);
    return StudySession.run(
        main.library(),
        file,
        store.url("quickstart"),
        Math.max(1, workers),
        flags.options(Math.max(1, workers), "quickstart"),
        report != null ? report : Path.of("runs", "quickstart-report"),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  static String text() {
    try (InputStream in = QuickstartCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the built-in study " + RESOURCE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
