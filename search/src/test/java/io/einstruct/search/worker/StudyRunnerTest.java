package io.einstruct.search.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.search.Studies;
import io.einstruct.search.store.Stores;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.Expansion;
import io.einstruct.search.study.StudyExpander;
import io.einstruct.search.study.StudyFile;
import io.einstruct.train.run.StopRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyRunnerTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  @Test
  void runsEveryTrialOnceAndNothingAgainWhenRerun() {
    StudyFile f =
        Studies.parse(
            "tiny.yaml",
            Studies.tiny(
                "tiny",
                """
          - builtin: dense
          - builtin: btt
        """,
                "8, 16",
                "0"),
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 4)) {
      long id = store.ensureStudy("tiny", f.source().text());
      assertThat(store.addTrials(id, e.trials())).isEqualTo(4);
      StudyRunner runner =
          new StudyRunner(
              store,
              LIBRARY,
              WorkerOptions.defaults(1, dir),
              WorkerListener.NONE,
              new StopRequest());
      var status = runner.run(id, "tiny", f.spec(), 2);
      assertThat(status.done()).isEqualTo(4);
      assertThat(store.metrics("tiny")).hasSize(4 * 2);
      List<TrialRow> rows = store.trials("tiny");
      assertThat(rows)
          .allSatisfy(
              r -> {
                assertThat(r.attempts()).isEqualTo(1);
                assertThat(r.finalTrainLoss()).isPositive();
                assertThat(r.finalFlops()).isEqualTo(r.flopsEstimate());
              });
      assertThat(store.addTrials(id, e.trials())).isZero();
      assertThat(runner.run(id, "tiny", f.spec(), 1).done()).isEqualTo(4);
      assertThat(store.trials("tiny")).extracting(TrialRow::attempts).containsOnly(1);
    }
  }

  @Test
  void successiveHalvingStopsTheWorseHalfOfEachGroup() throws java.io.IOException {
    Path data = io.einstruct.train.data.TinyData.mnistLike(dir.resolve("data"), 64, 32, 1);
    StudyFile f =
        Studies.parse(
            "sh.yaml",
            """
        name: sh
        task: {data: "mnist:%s", epochs: 4, batch: 16, depth: 1, threads: 1, seeds: [0]}
        structures: [{builtin: dense}]
        widths: [8]
        lrs: [0.003, 0.01, 0.0003, 0.0000001]
        pruner: {kind: successive-halving, eta: 2, min_resource: 1}
        """
                .formatted(data),
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 2)) {
      runAll(store, "sh", f, e);
      List<TrialRow> rows = store.trials("sh");
      assertThat(rows).extracting(TrialRow::status).contains("done");
      TrialRow slow = rows.get(3);
      assertThat(slow.status()).isEqualTo("pruned");
      assertThat(slow.error()).startsWith("pruned at epoch 1: training loss ");
      assertThat(store.steps("sh", 3)).containsExactly(4L);
    }
  }

  /**
   * Rungs in FLOPs compare every trial of a width at equal compute, across structures: the last
   * trial is ranked against all four, where in epochs it would meet only its own structure's two. A
   * kept structure (the reference, dense) is compared but never stopped, however bad.
   */
  @Test
  void successiveHalvingInFlopsComparesEveryTrialAtEqualCompute() throws java.io.IOException {
    Path data = io.einstruct.train.data.TinyData.mnistLike(dir.resolve("data"), 64, 32, 1);
    StudyFile f =
        Studies.parse(
            "shf.yaml",
            """
        name: shf
        task: {data: "mnist:%s", epochs: 4, batch: 16, depth: 1, threads: 1, seeds: [0]}
        structures: [{builtin: dense}, {builtin: btt}]
        widths: [8]
        lrs: [0.003, 0.0000001]
        pruner: {kind: successive-halving, eta: 2, min_resource: 1000, resource: FLOPs,
                 keep: [dense]}
        """
                .formatted(data),
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    assertThat(e.trials())
        .extracting(t -> t.label() + " " + t.lr())
        .containsExactly("dense 0.003", "dense 1.0E-7", "btt 0.003", "btt 1.0E-7");
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 2)) {
      runAll(store, "shf", f, e);
      List<TrialRow> rows = store.trials("shf");
      assertThat(rows.get(0).status()).isEqualTo("done");
      assertThat(rows.get(1).status()).as("dense is kept").isEqualTo("done");
      assertThat(rows.get(3).status()).isEqualTo("pruned");
      assertThat(rows.get(3).error())
          .matches("pruned at 1e\\+03 training FLOPs: training loss \\S+ not in the best 1/2 of 4");
      assertThat(store.steps("shf", 3)).containsExactly(4L);
    }
  }

  /** Creates study {@code name} in {@code store} and runs every trial with one worker. */
  private void runAll(TrialStore store, String name, StudyFile f, Expansion e) {
    long id = store.ensureStudy(name, f.source().text());
    store.addTrials(id, e.trials());
    new StudyRunner(
            store, LIBRARY, WorkerOptions.defaults(1, dir), WorkerListener.NONE, new StopRequest())
        .run(id, name, f.spec(), 1);
  }

  /**
   * A worker asked to stop checkpoints its trial and gives it back at once (queued, its attempt not
   * counted); the next worker resumes it from that checkpoint rather than from step 0, and the
   * trial ends with the metrics of an uninterrupted one.
   */
  @Test
  void anInterruptedWorkersTrialIsQueuedAtOnceAndResumedByTheNext() throws Exception {
    String text =
        """
        name: long
        task: {data: teacher, steps: 600, batch: 16, depth: 1, eval_every: 20, threads: 1,
               teacher_width: 16, teacher_depth: 2, seeds: [1]}
        structures: [{builtin: btt}]
        widths: [16]
        """;
    StudyFile f = Studies.parse("long.yaml", text, dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    List<io.einstruct.train.run.EvalPoint> expected;
    try (TrialStore whole = TrialStore.open(Stores.sqlite(dir.resolve("whole")), 3)) {
      long id = whole.ensureStudy("long", text);
      whole.addTrials(id, e.trials());
      new StudyRunner(
              whole,
              LIBRARY,
              WorkerOptions.defaults(1, dir),
              WorkerListener.NONE,
              new StopRequest())
          .run(id, "long", f.spec(), 1);
      expected = whole.metrics("long").stream().map(r -> r.point()).toList();
    }
    assertThat(expected).hasSize(30);
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir.resolve("split")), 3)) {
      long id = store.ensureStudy("long", text);
      store.addTrials(id, e.trials());
      StopRequest stop = new StopRequest();
      List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
      WorkerListener hear =
          new WorkerListener() {
            @Override
            public void ended(io.einstruct.search.store.Claim c, String outcome, String detail) {
              ended.add(outcome + ": " + detail);
            }
          };
      Thread first =
          new Thread(
              () ->
                  new StudyRunner(store, LIBRARY, WorkerOptions.defaults(1, dir), hear, stop)
                      .run(id, "long", f.spec(), 1));
      first.start();
      while (store.metrics("long").size() < 2) {
        Thread.sleep(2);
      }
      long asked = System.nanoTime();
      stop.request("SIGINT");
      while (!store.trials("long").get(0).status().equals("queued")) {
        assertThat(System.nanoTime() - asked).isLessThan(1_000_000_000L);
        Thread.sleep(1);
      }
      first.join(10_000);
      assertThat(first.isAlive()).isFalse();
      assertThat(store.trials("long").get(0).attempts()).isZero();
      assertThat(ended).hasSize(1);
      assertThat(ended.get(0))
          .matches("released: interrupted at step \\d+; queued to resume there");
      long stoppedAt = Long.parseLong(ended.get(0).replaceAll("\\D+", " ").strip().split(" ")[0]);
      assertThat(stoppedAt).isBetween(40L, 599L);

      List<Long> resumedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
      WorkerListener next =
          new WorkerListener() {
            @Override
            public void resumed(io.einstruct.search.store.Claim c, long step) {
              resumedAt.add(step);
            }
          };
      new StudyRunner(store, LIBRARY, WorkerOptions.defaults(1, dir), next, new StopRequest())
          .run(id, "long", f.spec(), 1);
      assertThat(resumedAt).containsExactly(stoppedAt);
      TrialRow row = store.trials("long").get(0);
      assertThat(row.status()).isEqualTo("done");
      assertThat(row.attempts()).isEqualTo(1);
      List<io.einstruct.train.run.EvalPoint> got =
          store.metrics("long").stream().map(r -> r.point()).toList();
      assertThat(got)
          .extracting(p -> p.step())
          .isEqualTo(expected.stream().map(p -> p.step()).toList());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(got.get(i).trainLoss())
            .isCloseTo(expected.get(i).trainLoss(), org.assertj.core.api.Assertions.within(1e-6));
      }
    }
  }

  /** Two sources under one name are two structures to every reader: shown, and fitted, apart. */
  @Test
  void twoVersionsOfAStructureAreFittedApart() throws Exception {
    Path ein = dir.resolve("mine.ein");
    String study =
        """
        name: versions
        task: {data: teacher, steps: 4, batch: 16, depth: 1, eval_every: 2, threads: 1,
               teacher_width: 16, teacher_depth: 2, seeds: [0]}
        structures: [{file: mine.ein}]
        widths: [8, 16]
        """;
    String v1 =
        """
        structure mine(d_in, d_out, rank = 2) {
          dim o = d_out
          dim i = d_in
          dim r = rank
          y[o] = U[o, r] * V[r, i] * x[i]
        }
        """;
    java.nio.file.Files.writeString(ein, v1);
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 3)) {
      StudyFile f = Studies.parse("versions.yaml", study, dir);
      long id = store.ensureStudy("versions", study);
      store.addTrials(id, StudyExpander.expand(f, LIBRARY).trials());
      java.nio.file.Files.writeString(ein, v1.replace("rank = 2", "rank = 3"));
      store.addTrials(id, StudyExpander.expand(f, LIBRARY).trials());
      new StudyRunner(
              store,
              LIBRARY,
              WorkerOptions.defaults(1, dir),
              WorkerListener.NONE,
              new StopRequest())
          .run(id, "versions", f.spec(), 1);
      List<String> labels = store.trials("versions").stream().map(TrialRow::label).toList();
      assertThat(labels).hasSize(4);
      assertThat(labels.stream().distinct())
          .hasSize(2)
          .allMatch(l -> l.matches("mine@[0-9a-f]{6}"));
      var fits =
          io.einstruct.search.fit.ScalingLaws.fitBoth(
              store.metrics("versions"),
              io.einstruct.search.fit.ScalingLaws.Metric.TRAIN_LOSS,
              io.einstruct.search.fit.ComputeAxis.TOTAL,
              0,
              0);
      assertThat(fits)
          .extracting(io.einstruct.search.fit.DualFit::label)
          .containsExactlyInAnyOrderElementsOf(labels.stream().distinct().toList());
      assertThat(io.einstruct.search.store.Versions.note(store.trials("versions")))
          .contains(
              "mine has 2 versions ("
                  + String.join(", ", labels.stream().distinct().sorted().toList())
                  + "): trials made from different sources of one name are shown and fitted"
                  + " apart");
      assertThat(store.select("versions", null, "mine")).hasSize(4);
      assertThat(store.select("versions", null, labels.get(0))).hasSize(2);
      assertThat(store.delete("versions", store.select("versions", null, labels.get(0))))
          .isEqualTo(2);
      assertThat(store.trials("versions"))
          .hasSize(2)
          .extracting(TrialRow::label)
          .containsOnly("mine");
      assertThat(store.metrics("versions")).hasSize(4);
    }
  }
}
