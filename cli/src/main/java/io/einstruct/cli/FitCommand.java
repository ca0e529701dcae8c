package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.search.fit.ComputeAxis;
import io.einstruct.search.fit.DualFit;
import io.einstruct.search.fit.ScalingLaws;
import io.einstruct.search.store.RunEnvironment;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.store.Versions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code einstruct fit}: the scaling laws of a study's structures. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Fit a power law of the metric against training FLOPs to each structure's "
            + "frontier, with α's standard error and a bootstrap interval, and the compute "
            + "multiplier against dense; and the same against the training seconds the trials "
            + "took, side by side.")
final class FitCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
  String study;

  @Option(
      names = "--metric",
      defaultValue = "train_loss",
      description = "train_loss (default), test_loss or test_error.")
  String metric;

  @Option(
      names = "--offset",
      defaultValue = "0",
      paramLabel = "L0",
      description = "Irreducible loss subtracted before the fit (0).")
  double offset;

  @Option(
      names = "--compute",
      defaultValue = "total",
      paramLabel = "AXIS",
      description =
          "total (default: every training FLOP) or non-embedding (without the head's, as "
              + "compute-better-spent's GPT-2 laws).")
  String compute;

  @Option(names = "--format", defaultValue = "text", description = "text, json or csv.")
  String format;

  @Override
  public Integer call() throws Exception {
    ScalingLaws.Metric m = metric(metric);
    ComputeAxis axis = ComputeAxis.parse(compute);
    try (TrialStore s = TrialStore.openExisting(store.url(study), 2)) {
      if (s.studyId(study).isEmpty()) {
        throw EinError.of("--study", "no study '" + study + "' in " + s.url());
      }
      List<DualFit> fits = ScalingLaws.fitBoth(s.metrics(study), m, axis, offset, 0);
      var out = spec.commandLine().getOut();
      switch (format.toLowerCase(java.util.Locale.ROOT)) {
        case "text" -> out.print(FitTable.text(fits, m, axis));
        case "json" -> out.println(FitTable.json(study, m, axis, fits));
        case "csv" -> out.print(FitTable.csv(fits));
        default ->
            throw EinError.of("--format", "expected text, json or csv, got '" + format + "'");
      }
      if (!format.equalsIgnoreCase("json") && !format.equalsIgnoreCase("csv")) {
        var trials = s.trials(study);
        RunEnvironment.mismatch(trials).ifPresent(w -> out.println("note: " + w));
        Versions.note(trials).ifPresent(w -> out.println("note: " + w));
      }
      out.flush();
    }
    return Main.OK;
  }

  static ScalingLaws.Metric metric(String key) {
    try {
      return ScalingLaws.Metric.parse(key);
    } catch (IllegalArgumentException e) {
      throw EinError.of(
          "--metric", "expected train_loss, test_loss or test_error, got '" + key + "'");
    }
  }
}
