package io.einstruct.cli;

import io.einstruct.search.store.Claim;
import io.einstruct.search.store.StudyStatus;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.worker.WorkerListener;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;

/**
 * The live progress of a search on stderr: a line per finished trial, and the study's
 * done/running/queued counts, the best result so far and an ETA.
 */
final class SearchProgress implements WorkerListener {
  private final PrintWriter err;
  private final TrialStore store;
  private final String study;
  private final int workers;

  SearchProgress(PrintWriter err, TrialStore store, String study, int workers) {
    this.err = err;
    this.store = store;
    this.study = study;
    this.workers = Math.max(1, workers);
  }

  @Override
  public synchronized void claimed(Claim claim) {
    err.printf(
        Locale.ROOT,
        "  trial %d (%s, width %d) started%n",
        claim.number(),
        claim.label(),
        claim.config().model().width());
    err.flush();
  }

  @Override
  public synchronized void ended(Claim claim, String outcome, String detail) {
    err.printf(
        Locale.ROOT,
        "  trial %d (%s, width %d) %s%s%n",
        claim.number(),
        claim.label(),
        claim.config().model().width(),
        outcome,
        detail.isEmpty() ? "" : ": " + detail);
    err.println("  " + line());
    err.flush();
  }

  @Override
  public synchronized void waitingForStore(String what, String why, long retryMillis) {
    err.printf(
        Locale.ROOT,
        "  waiting for the store (%s): %s%s%n",
        what,
        why,
        retryMillis > 0
            ? String.format(Locale.ROOT, "; trying again in %.1f s", retryMillis / 1e3)
            : "; training on");
    err.flush();
  }

  /** done/running/queued, best so far, and an ETA; a store that is away says so. */
  String line() {
    try {
      return progress();
    } catch (io.einstruct.search.store.StoreException e) {
      return study + ": the store is not answering (" + e.getMessage() + ")";
    }
  }

  private String progress() {
    StudyStatus s = store.status(study);
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %d/%d done, %d running, %d queued",
                study,
                s.done(),
                s.total(),
                s.running(),
                s.queued()));
    if (s.failed() + s.pruned() > 0) {
      out.append(String.format(Locale.ROOT, ", %d failed, %d pruned", s.failed(), s.pruned()));
    }
    store.trials(study).stream()
        .filter(t -> t.finalTrainLoss() != null)
        .min(Comparator.comparingDouble(TrialRow::finalTrainLoss))
        .ifPresent(
            t ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        " · best train loss %.4f (%s, width %d)",
                        t.finalTrainLoss(),
                        t.label(),
                        t.width())));
    if (!Double.isNaN(s.meanTrialSeconds()) && s.queued() + s.running() > 0) {
      double eta = s.meanTrialSeconds() * (s.queued() + s.running() / 2.0) / workers;
      out.append(String.format(Locale.ROOT, " · ETA %d:%02d", (long) eta / 60, (long) eta % 60));
    }
    return out.toString();
  }
}
