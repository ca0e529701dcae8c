package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.search.Studies;
import io.einstruct.search.store.StoreUrl;
import io.einstruct.search.store.Stores;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers as separate processes on one store: many at once never run a trial twice, and a worker
 * killed with SIGKILL mid-trial loses nothing that another cannot finish.
 */
class SearchProcessesTest {
  @TempDir Path dir;

  @Test
  void fourWorkerProcessesRunFortyTrialsEachOnceOnSqlite() throws Exception {
    StoreUrl url = Stores.sqlite(dir);
    fourWorkersFortyTrials("sqlite:" + dir.resolve("store.db"), url, Map.of());
  }

  @Test
  void fourWorkerProcessesRunFortyTrialsEachOnceOnPostgres() throws Exception {
    StoreUrl url = Stores.postgres();
    fourWorkersFortyTrials(url.jdbcUrl(), url, Stores.postgresEnv());
  }

  private void fourWorkersFortyTrials(String store, StoreUrl url, Map<String, String> env)
      throws Exception {
    String study = "forty-" + UUID.randomUUID().toString().substring(0, 8);
    Path file = dir.resolve(study + ".yaml");
    Files.writeString(
        file,
        Studies.tiny(
            study,
            """
          - builtin: dense
          - builtin: btt
        """,
            "8, 16",
            "0, 1, 2, 3, 4, 5, 6, 7, 8, 9"));
    MainTest.Run created = run(env, "search", file.toString(), "--store", store, "--workers", "0");
    assertThat(created.code()).as(created.err()).isZero();
    List<Process> workers = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path log = dir.resolve("worker-" + i + ".log");
      logs.add(log);
      workers.add(
          WorkerProcesses.start(
              log,
              env,
              "worker",
              "--store",
              store,
              "--study",
              study,
              "--threads",
              "1",
              "--events",
              dir.resolve("events").toString()));
    }
    for (int i = 0; i < 4; i++) {
      assertThat(workers.get(i).waitFor(240, TimeUnit.SECONDS))
          .as("worker %d finished", i)
          .isTrue();
      assertThat(workers.get(i).exitValue()).as(WorkerProcesses.read(logs.get(i))).isZero();
    }
    try (TrialStore s = TrialStore.open(url, 1)) {
      List<TrialRow> rows = s.trials(study);
      assertThat(rows).hasSize(40);
      assertThat(rows)
          .allSatisfy(
              r -> {
                assertThat(r.status()).isEqualTo("done");
                assertThat(r.attempts()).isEqualTo(1);
              });
      Set<String> processes = new HashSet<>();
      rows.forEach(r -> processes.add(r.worker().substring(0, r.worker().lastIndexOf('/'))));
      assertThat(processes).hasSizeGreaterThan(1);
      assertThat(s.metrics(study)).hasSize(40 * 2);
      Set<String> keys = new HashSet<>();
      s.metrics(study).forEach(m -> keys.add(m.trial() + ":" + m.point().step()));
      assertThat(keys).hasSize(40 * 2);
    }
    for (int n = 0; n < 40; n++) {
      assertThat(eventFiles(dir.resolve("events").resolve("trial-" + n)))
          .as("trial %d's TensorBoard events", n)
          .hasSize(1);
    }
  }

  @Test
  void aKilledWorkersTrialIsFinishedByAnotherWithoutDuplicateMetrics() throws Exception {
    String study = "crash";
    Path file = dir.resolve("crash.yaml");
    Files.writeString(
        file,
        """
        name: crash
        task:
          data: teacher
          steps: 3000
          batch: 16
          depth: 1
          eval_every: 50
          threads: 1
          teacher_width: 16
          teacher_depth: 2
        structures: [{builtin: btt}]
        widths: [8]
        """);
    String store = "sqlite:" + dir.resolve("store.db");
    StoreUrl url = Stores.sqlite(dir);
    assertThat(run(Map.of(), "search", file.toString(), "--store", store, "--workers", "0").code())
        .isZero();
    String[] worker = {
      "worker",
      "--store",
      store,
      "--study",
      study,
      "--threads",
      "1",
      "--heartbeat",
      "0.5",
      "--stale-after",
      "2",
      "--events",
      dir.resolve("events").toString()
    };
    Path firstLog = dir.resolve("first.log");
    Process first = WorkerProcesses.start(firstLog, Map.of(), worker);
    try (TrialStore s = TrialStore.open(url, 1)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (s.steps(study, 0).size() < 3) {
        assertThat(first.isAlive()).as(WorkerProcesses.read(firstLog)).isTrue();
        assertThat(System.nanoTime()).as("the first worker records metrics").isLessThan(deadline);
        Thread.sleep(50);
      }
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      TrialRow killed = s.trials(study).get(0);
      assertThat(killed.status()).isEqualTo("running");
      assertThat(s.steps(study, 0).size()).isLessThan(60);
      Thread.sleep(2500);
      Path secondLog = dir.resolve("second.log");
      Process second = WorkerProcesses.start(secondLog, Map.of(), worker);
      assertThat(second.waitFor(240, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(WorkerProcesses.read(secondLog)).isZero();
      TrialRow done = s.trials(study).get(0);
      assertThat(done.status()).isEqualTo("done");
      assertThat(done.attempts()).isEqualTo(2);
      assertThat(done.worker()).isNotEqualTo(killed.worker());
      List<Long> steps = s.steps(study, 0);
      assertThat(steps).hasSize(60).doesNotHaveDuplicates();
      assertThat(steps.get(0)).isEqualTo(50L);
      assertThat(steps.get(59)).isEqualTo(3000L);
    }
    // the killed attempt's events stay, and the resumed one starts a file of its own
    assertThat(eventFiles(dir.resolve("events").resolve("trial-0"))).hasSize(2);
  }

  private static List<Path> eventFiles(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("events.out.tfevents."))
          .toList();
    }
  }

  private static MainTest.Run run(Map<String, String> env, String... args) {
    if (env.isEmpty()) {
      return MainTest.run(args);
    }
    // the store's credentials come from the environment, which a test cannot set in-process:
    // run the command as its own process
    try {
      Path log = Files.createTempFile("einstruct", ".log");
      Process p = WorkerProcesses.start(log, env, args);
      p.waitFor(120, TimeUnit.SECONDS);
      String text = WorkerProcesses.read(log);
      Files.deleteIfExists(log);
      return new MainTest.Run(p.exitValue(), text, text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
