package io.einstruct.cli;

import io.einstruct.dsl.Plural;
import io.einstruct.dsl.library.Library;
import io.einstruct.reports.ReportWriter;
import io.einstruct.reports.StudyReport;
import io.einstruct.search.fit.ComputeAxis;
import io.einstruct.search.fit.ScalingLaws;
import io.einstruct.search.store.StoreUrl;
import io.einstruct.search.store.StudyStatus;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.Expansion;
import io.einstruct.search.study.StudyExpander;
import io.einstruct.search.study.StudyFile;
import io.einstruct.search.worker.StudyRunner;
import io.einstruct.search.worker.WorkerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code search} and {@code quickstart} share: expand a study, add its new trials to the
 * store, run local workers with live progress, and print the scaling laws.
 */
final class StudySession {
  private StudySession() {}

  /**
   * Runs {@code file} on {@code url} with {@code workers} local workers (0 only creates it), and
   * writes the study's report into {@code report} unless it is null. Returns the exit code: {@link
   * Main#OK}, or 130 / 143 when SIGINT / SIGTERM stopped the workers, who gave their trials back.
   */
  static int run(
      Library library,
      StudyFile file,
      StoreUrl url,
      int workers,
      WorkerOptions options,
      Path report,
      PrintWriter out,
      PrintWriter err) {
    String name = file.spec().name();
    Expansion e = StudyExpander.expand(file, library);
    err.printf(
        Locale.ROOT,
        "study %s: %s, %.3g training FLOPs estimated%s%s; store %s%n",
        name,
        Plural.of(e.trials().size(), "trial"),
        e.flops(),
        e.skipped().isEmpty()
            ? ""
            : ", "
                + Plural.of(e.skipped().size(), "configuration")
                + " skipped "
                + "(first: "
                + e.skipped().get(0)
                + ")",
        e.overBudget() == 0 ? "" : ", " + e.overBudget() + " over budget",
        url);
    try (TrialStore store =
        patience(options, err).call("open the store", () -> TrialStore.open(url, workers + 2))) {
      long id = store.ensureStudy(name, file.source().text());
      int added = store.addTrials(id, e.trials());
      StudyStatus before = store.status(name);
      err.printf(
          Locale.ROOT,
          "  %d new trials; %d done, %d to run%n",
          added,
          before.done(),
          before.queued() + before.running());
      err.flush();
      if (workers == 0) {
        out.printf(
            "study %s is ready in %s: run trials with einstruct worker --store %s "
                + "--study %s%n",
            name, url, url, name);
        return Main.OK;
      }
      SearchProgress progress = new SearchProgress(err, store, name, workers);
      try (Interrupts interrupts = new Interrupts()) {
        StudyStatus done =
            new StudyRunner(store, library, options, progress, interrupts.request())
                .run(id, name, file.spec(), workers);
        if (interrupts.stopped()) {
          out.println(progress.line());
          err.println(interrupted(interrupts, store.status(name)));
          err.flush();
          out.flush();
          return interrupts.exitCode();
        }
        if (!done.finished()) {
          err.printf(
              Locale.ROOT,
              "einstruct: study %s stopped with work left: %d queued, %d running%n",
              name,
              done.queued(),
              done.running());
          err.flush();
          return Main.FAILURE;
        }
      }
      out.println(progress.line());
      ScalingLaws.Metric metric = ScalingLaws.Metric.TRAIN_LOSS;
      out.print(
          FitTable.text(
              ScalingLaws.fitBoth(store.metrics(name), metric, ComputeAxis.TOTAL, 0, 0),
              metric,
              ComputeAxis.TOTAL));
      if (report != null) {
        Path index = ReportWriter.write(StudyReport.build(store, name, library), report);
        out.println("report: " + index);
      }
      out.flush();
      return Main.OK;
    }
  }

  /** Waiting for a store that does not answer yet, saying so on {@code err}. */
  static io.einstruct.search.worker.Patience patience(WorkerOptions options, PrintWriter err) {
    return new io.einstruct.search.worker.Patience(
        options.storePatienceMillis(),
        (what, why, retry) -> {
          err.printf(
              Locale.ROOT,
              "waiting for the store (%s): %s; trying again in %.1f s%n",
              what,
              why,
              retry / 1e3);
          err.flush();
        });
  }

  /** The line an interrupted search or worker ends with. */
  static String interrupted(Interrupts interrupts, StudyStatus status) {
    return String.format(
        Locale.ROOT,
        "interrupted (%s): trials checkpointed and queued again, %d done, %d to run; run the same"
            + " command again to resume them",
        interrupts.request().reason(),
        status.done(),
        status.queued() + status.running());
  }
}
