package io.einstruct.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.mup.Optimizer;
import io.einstruct.dsl.resolve.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct describe}: everything that follows from one structure. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
      "Show a structure's indices, factors with their μP init and learning-rate multipliers, "
          + "contraction plan, counts, taxonomy and rank bound.",
      "",
      "Example: einstruct describe btt -p d_in=1024 -p d_out=1024 -p rank=2"
    })
final class DescribeCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    json
  }

  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "SOURCE",
      description = "A built-in name (see 'einstruct list') or a .ein file.")
  String source;

  @Option(
      names = "--structure",
      paramLabel = "NAME",
      description = "Which structure of a .ein file that declares several.")
  String structure;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=VALUE",
      description = "A parameter value, e.g. -p d_in=1024; repeat for several.")
  List<String> params = new ArrayList<>();

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "1",
      description = "Plan the contractions for a batch of N inputs (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--optimizer",
      paramLabel = "OPT",
      defaultValue = "adam",
      description = "adam or sgd: which μP learning-rate rule (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--residual",
      description = "The layer ends a residual branch: zero-initialise its last factor.")
  boolean residual;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || batch > (1 << 24)) {
      throw EinError.of("--batch", "must be between 1 and 16777216, got " + batch);
    }
    Optimizer opt =
        switch (optimizer.toLowerCase(java.util.Locale.ROOT)) {
          case "adam", "adamw" -> Optimizer.ADAM;
          case "sgd" -> Optimizer.SGD;
          default ->
              throw EinError.of("--optimizer", "must be adam or sgd, got '" + optimizer + "'");
        };
    Template template = main.library().lookup(source, structure);
    Description d = Description.of(template, Args.parse(params), batch, opt, residual);
    var out = spec.commandLine().getOut();
    if (format == Format.json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(DescriptionJson.of(d, mapper)));
    } else {
      out.print(DescriptionText.of(d));
    }
    out.flush();
    return Main.OK;
  }
}
