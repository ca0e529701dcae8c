package io.einstruct.search.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.search.Studies;
import io.einstruct.search.store.Stores;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.StudyExpander;
import io.einstruct.search.study.StudyFile;
import io.einstruct.train.run.StopRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server of {@code .ci/postgres}, stopped for 45 s under two training workers and
 * started again: the workers train on, keep their evaluations, and every trial ends done once, its
 * attempts unchanged. Needs root to stop and start the cluster (CI runs as root).
 */
class StoreOutageTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  @Test
  void workersRideOutA45SecondOutage() throws Exception {
    String[] cluster = cluster();
    if (cluster == null) {
      // stopping the shared server needs root and pg_ctlcluster; CI has both, a developer may not
      System.err.println(
          "StoreOutageTest skipped: no local PostgreSQL cluster on 5432 that this user may stop");
    }
    assumeThat(cluster).as("a local PostgreSQL cluster this test may stop (root)").isNotNull();
    String name = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    String text =
        """
        name: %s
        task: {data: teacher, steps: 1500, batch: 16, depth: 1, eval_every: 100, threads: 1,
               teacher_width: 16, teacher_depth: 2, seeds: [0]}
        structures: [{builtin: dense}]
        widths: [8, 16]
        """
            .formatted(name);
    StudyFile f = Studies.parse(name + ".yaml", text, dir);
    List<String> ended = new CopyOnWriteArrayList<>();
    List<String> waited = new CopyOnWriteArrayList<>();
    WorkerListener hear =
        new WorkerListener() {
          @Override
          public void ended(io.einstruct.search.store.Claim c, String outcome, String detail) {
            ended.add(outcome);
          }

          @Override
          public void waitingForStore(String what, String why, long retryMillis) {
            waited.add(what);
          }
        };
    try (TrialStore store = TrialStore.open(Stores.postgres(), 6)) {
      long id = store.ensureStudy(name, text);
      store.addTrials(id, StudyExpander.expand(f, LIBRARY).trials());
      Thread runner =
          new Thread(
              () ->
                  new StudyRunner(
                          store, LIBRARY, WorkerOptions.defaults(1, dir), hear, new StopRequest())
                      .run(id, name, f.spec(), 2));
      runner.start();
      while (store.metrics(name).size() < 2) {
        Thread.sleep(10);
      }
      try {
        pg(cluster, "stop");
        Thread.sleep(45_000);
      } finally {
        pg(cluster, "start");
      }
      runner.join(TimeUnit.MINUTES.toMillis(5));
      assertThat(runner.isAlive()).isFalse();
      assertThat(waited).isNotEmpty();
      assertThat(ended).containsExactly("done", "done");
      List<TrialRow> rows = store.trials(name);
      assertThat(rows).extracting(TrialRow::status).containsOnly("done");
      assertThat(rows).extracting(TrialRow::attempts).containsOnly(1);
      for (TrialRow r : rows) {
        assertThat(store.steps(name, r.number()))
            .containsExactly(
                100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L, 1100L, 1200L, 1300L,
                1400L, 1500L);
      }
    }
  }

  /** The version and name of the cluster on port 5432, if this process may stop it. */
  private static String[] cluster() throws IOException, InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return null;
    }
    Process p;
    try {
      p = new ProcessBuilder("pg_lsclusters", "-h").redirectErrorStream(true).start();
    } catch (IOException e) {
      return null;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[2].equals("5432") && f[3].equals("online")) {
        return new String[] {f[0], f[1]};
      }
    }
    return null;
  }

  private static void pg(String[] cluster, String action) throws Exception {
    Process p =
        new ProcessBuilder("pg_ctlcluster", cluster[0], cluster[1], action, "-m", "fast")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
