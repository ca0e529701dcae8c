package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.train.run.TrainedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct export}: a trained run's weights for other tools. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a run's weights at its last checkpoint for other tools: safetensors (every factor"
          + " with its shape and name, and the structure's DSL source and parameters as metadata,"
          + " readable by safetensors, numpy and torch) or a TensorFlow SavedModel with a"
          + " serving_default signature from inputs to logits.",
      "",
      "Example: einstruct export runs/btt-w256-s0 --format safetensors --out btt.safetensors"
    })
final class ExportCommand implements Callable<Integer> {
  /** Export formats. */
  enum Format {
    safetensors,
    savedmodel
  }

  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run directory of einstruct train.")
  Path run;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "safetensors or savedmodel.")
  Format format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "PATH",
      description =
          "The file (safetensors) or directory (savedmodel, which must not exist) to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(run)) {
      throw EinError.of(run.toString(), "no such run directory");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw EinError.of("--out", "its directory " + parent + " does not exist");
    }
    if (format == Format.savedmodel && Files.exists(out)) {
      throw EinError.of("--out", out + " exists; a SavedModel is written into a new directory");
    }
    if (format == Format.safetensors && Files.isDirectory(out)) {
      throw EinError.of("--out", out + " is a directory; give the file to write");
    }
    try (TrainedRun trained = TrainedRun.open(main.library(), run)) {
      if (format == Format.safetensors) {
        trained.exportSafetensors(main.library(), out);
      } else {
        trained.model().exportSavedModel(out);
      }
      long bytes =
          Files.isDirectory(out)
              ? Files.walk(out)
                  .filter(Files::isRegularFile)
                  .mapToLong(p -> p.toFile().length())
                  .sum()
              : Files.size(out);
      spec.commandLine()
          .getOut()
          .printf(
              java.util.Locale.ROOT,
              "%s: %s tensors, %s parameters, %s bytes (step %d)%n",
              out,
              Numbers.count(trained.model().weights().size()),
              Numbers.count(trained.model().info().params()),
              Numbers.count(bytes),
              trained.state().step());
      spec.commandLine().getOut().flush();
    }
    return Main.OK;
  }
}
