package io.einstruct.search.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.search.Studies;
import io.einstruct.search.store.Claim;
import io.einstruct.search.store.Stores;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.StudyExpander;
import io.einstruct.search.study.StudyFile;
import io.einstruct.train.run.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults of the machine, not of the training: trials are tried again, never failed for them. */
class FaultsTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  private StudyFile study(String name, int trials) {
    String widths = trials == 1 ? "8" : "8, 16";
    return Studies.parse(
        name + ".yaml", Studies.tiny(name, "  - builtin: dense\n", widths, "0"), dir);
  }

  /**
   * A work directory that cannot be written (here: a file where the directory should be) fails the
   * attempt as the machine's fault: the trial is queued again with the reason, and done once the
   * directory is there.
   */
  @Test
  void aTrialThatCannotWriteIsTriedAgainThenDone() throws Exception {
    StudyFile f = study("disk", 1);
    Path work = dir.resolve("work");
    Files.writeString(work, "not a directory");
    List<String> ended = new CopyOnWriteArrayList<>();
    WorkerListener fixTheDisk =
        new WorkerListener() {
          @Override
          public void ended(Claim c, String outcome, String detail) {
            ended.add(outcome);
            if (outcome.equals("retried")) {
              try {
                Files.delete(work);
                Files.createDirectories(work);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          }
        };
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 3)) {
      long id = store.ensureStudy("disk", f.source().text());
      store.addTrials(id, StudyExpander.expand(f, LIBRARY).trials());
      new StudyRunner(
              store,
              LIBRARY,
              new WorkerOptions(5_000, 60_000, 3, 1, work, 1, 60_000, null),
              fixTheDisk,
              new StopRequest())
          .run(id, "disk", f.spec(), 1);
      assertThat(ended).containsExactly("retried", "done");
      TrialRow row = store.trials("disk").get(0);
      assertThat(row.status()).isEqualTo("done");
      assertThat(row.attempts()).isEqualTo(2);
    }
  }

  /** Out of attempts, a machine fault fails the trial, saying why and how many attempts it had. */
  @Test
  void aTrialThatCannotWriteAtAllFailsAfterItsAttempts() throws Exception {
    StudyFile f = study("full", 1);
    Path work = Files.writeString(dir.resolve("work"), "not a directory");
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 3)) {
      long id = store.ensureStudy("full", f.source().text());
      store.addTrials(id, StudyExpander.expand(f, LIBRARY).trials());
      new StudyRunner(
              store,
              LIBRARY,
              new WorkerOptions(5_000, 60_000, 2, 1, work, 1, 60_000, null),
              WorkerListener.NONE,
              new StopRequest())
          .run(id, "full", f.spec(), 1);
      TrialRow row = store.trials("full").get(0);
      assertThat(row.status()).isEqualTo("failed");
      assertThat(row.attempts()).isEqualTo(2);
      assertThat(row.error())
          .startsWith("FileSystemException: ")
          .endsWith("(attempt 2 of 2, none left)");
      assertThat(
              store.requeue(
                  "full", store.withStatus("full", io.einstruct.search.store.TrialStatus.FAILED)))
          .isEqualTo(1);
      TrialRow again = store.trials("full").get(0);
      assertThat(again.status()).isEqualTo("queued");
      assertThat(again.attempts()).isZero();
      assertThat(again.error()).isNull();
    }
  }

  /**
   * A trial left running by a dead worker keeps the study open: the runner waits until its
   * heartbeat goes stale, claims it and finishes it, instead of calling the study done.
   */
  @Test
  void aStudyWithAStaleTrialIsFinishedNotLeftRunning() {
    StudyFile f = study("stale", 1);
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 3)) {
      long id = store.ensureStudy("stale", f.source().text());
      store.addTrials(id, StudyExpander.expand(f, LIBRARY).trials());
      store.queue().claim(id, "dead-worker", 60_000, 3).orElseThrow();
      var status =
          new StudyRunner(
                  store,
                  LIBRARY,
                  new WorkerOptions(100, 600, 3, 1, dir, 1, 60_000, null),
                  WorkerListener.NONE,
                  new StopRequest())
              .run(id, "stale", f.spec(), 1);
      assertThat(status.finished()).isTrue();
      TrialRow row = store.trials("stale").get(0);
      assertThat(row.status()).isEqualTo("done");
      assertThat(row.attempts()).isEqualTo(2);
    }
  }
}
