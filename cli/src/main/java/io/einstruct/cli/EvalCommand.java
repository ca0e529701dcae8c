package io.einstruct.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.einstruct.dsl.EinError;
import io.einstruct.train.run.DataSource;
import io.einstruct.train.run.HeldOut;
import io.einstruct.train.run.TrainedRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct eval}: a trained run's loss and error on held-out data. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Load a run (finished or interrupted) at its last checkpoint and score it on the held-out"
          + " split of its own data, or of other data of the same shape: loss, error, and for text"
          + " bits per byte and perplexity.",
      "",
      "Example: einstruct eval runs/btt-w256-s0 --data fashion-mnist:/path/to/idx"
    })
final class EvalCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    json
  }

  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run directory of einstruct train.")
  Path run;

  @Option(
      names = "--data",
      paramLabel = "SOURCE",
      description =
          "Score on this data instead of the run's own (as train --data; same features and"
              + " outputs per example).")
  String data;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json (default: text).")
  Format format;

  @Override
  public Integer call() throws Exception {
    if (!java.nio.file.Files.isDirectory(run)) {
      throw EinError.of(run.toString(), "no such run directory");
    }
    DataSource source = data == null ? null : flag("--data", () -> DataSource.parse(data));
    try (TrainedRun trained = flag("--data", () -> TrainedRun.open(main.library(), run, source))) {
      HeldOut h = trained.evaluate();
      var out = spec.commandLine().getOut();
      boolean text = trained.data().shape().text();
      if (format == Format.json) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run.toString());
        json.put("data", trained.data().describe());
        json.put("step", trained.state().step());
        json.put("examples", h.examples());
        json.put("loss", h.loss());
        json.put("error", h.error());
        if (text) {
          json.put("bits_per_byte", h.bitsPerToken());
          json.put("perplexity", h.perplexity());
        }
        out.println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
      } else {
        out.println(
            String.format(
                Locale.ROOT,
                "%s at step %d on %s (%s %s):",
                run,
                trained.state().step(),
                trained.data().describe(),
                Numbers.count(h.examples()),
                text ? "windows" : "examples"));
        out.println(String.format(Locale.ROOT, "  loss        %.4f", h.loss()));
        if (h.error() != null) {
          out.println(
              String.format(
                  Locale.ROOT,
                  "  %s  %.2f%%",
                  text ? "token error" : "error      ",
                  100 * h.error()));
        }
        if (text) {
          out.println(String.format(Locale.ROOT, "  bits/byte   %.4f", h.bitsPerToken()));
          out.println(String.format(Locale.ROOT, "  perplexity  %.3f", h.perplexity()));
        }
      }
      out.flush();
    }
    return Main.OK;
  }

  /** An error about the data setting is shown under {@code name}. */
  private static <T> T flag(String name, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (EinError e) {
      if (e.setting().isPresent() && e.diagnostic().isEmpty()) {
        throw EinError.of(name, e.detail());
      }
      throw e;
    }
  }
}
