package io.einstruct.search.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.search.study.TrialSpec;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.TrainConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store must do, run against SQLite and PostgreSQL. */
abstract class StoreContract {
  TrialStore store;
  String study;

  abstract StoreUrl url();

  @BeforeEach
  void open() {
    store = TrialStore.open(url(), 8);
    study = "test-" + UUID.randomUUID();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static List<TrialSpec> trials(int n) {
    List<TrialSpec> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TrainConfig c = TrainConfig.defaults();
      out.add(
          new TrialSpec(
              i, "key-" + i, "dense", "dense | width 64", 64, 1e-3, i, c, 10, 20, 1e9, 5));
    }
    return out;
  }

  static EvalPoint point(long step, double loss) {
    return new EvalPoint(
        step,
        step / 10.0,
        step * 32,
        loss,
        0.5,
        loss + 0.1,
        0.4,
        step * 1e6,
        step * 0.1,
        1e-3,
        0.02,
        1.5 + step,
        7.5);
  }

  @Test
  void reopeningKeepsTheSchemaAndTheData() {
    long id = store.ensureStudy(study, "name: x");
    store.addTrials(id, trials(2));
    store.close();
    store = TrialStore.open(url(), 2);
    assertThat(store.studyId(study)).contains(id);
    assertThat(store.trials(study)).hasSize(2);
    assertThat(store.spec(study)).contains("name: x");
  }

  @Test
  void addsOnlyTrialsItDoesNotHold() {
    long id = store.ensureStudy(study, "v1");
    assertThat(store.addTrials(id, trials(3))).isEqualTo(3);
    assertThat(store.addTrials(id, trials(5))).isEqualTo(2);
    assertThat(store.ensureStudy(study, "v2")).isEqualTo(id);
    assertThat(store.spec(study)).contains("v2");
    assertThat(store.trials(study)).extracting(TrialRow::number).containsExactly(0, 1, 2, 3, 4);
    assertThat(store.status(study)).isEqualTo(new StudyStatus(study, 5, 0, 0, 0, 0, Double.NaN));
  }

  @Test
  void claimsInOrderAndRecordsEachEvaluationOnce() {
    long id = store.ensureStudy(study, "s");
    store.addTrials(id, trials(2));
    Claim a = store.queue().claim(id, "w1", 60_000, 3).orElseThrow();
    assertThat(a.number()).isZero();
    assertThat(a.attempt()).isEqualTo(1);
    assertThat(a.config()).isEqualTo(TrainConfig.defaults());
    assertThat(store.queue().record(a, point(10, 1.0))).isTrue();
    assertThat(store.queue().record(a, point(10, 1.0))).isTrue();
    assertThat(store.queue().record(a, point(20, 0.5))).isTrue();
    assertThat(store.steps(study, 0)).containsExactly(10L, 20L);
    assertThat(store.queue().heartbeat(a)).isTrue();
    assertThat(store.queue().ranOn(a, new RunEnvironment("box", 2, 2, 1))).isTrue();
    assertThat(store.queue().finish(a, point(20, 0.5))).isTrue();
    // a finished trial is no longer the worker's to describe
    assertThat(store.queue().ranOn(a, new RunEnvironment("other", 8, 8, 4))).isFalse();
    Claim b = store.queue().claim(id, "w1", 60_000, 3).orElseThrow();
    assertThat(b.number()).isEqualTo(1);
    assertThat(store.queue().stop(b, "pruned", "too slow")).isTrue();
    assertThat(store.queue().claim(id, "w1", 60_000, 3)).isEmpty();
    List<TrialRow> rows = store.trials(study);
    assertThat(rows.get(0).status()).isEqualTo("done");
    assertThat(rows.get(0).finalTrainLoss()).isEqualTo(0.5);
    assertThat(rows.get(1).status()).isEqualTo("pruned");
    assertThat(rows.get(1).error()).isEqualTo("too slow");
    assertThat(store.metrics(study)).extracting(m -> m.point().step()).containsExactly(10L, 20L);
    assertThat(store.metrics(study))
        .extracting(m -> m.point())
        .containsExactly(point(10, 1.0), point(20, 0.5));
    assertThat(store.trials(study).get(0).ranOn()).isEqualTo(new RunEnvironment("box", 2, 2, 1));
    assertThat(store.trials(study).get(1).ranOn()).isNull();
    // the head's 5 of the trial's 20 forward MACs, for fits on non-embedding compute
    assertThat(store.metrics(study)).extracting(m -> m.headShare()).containsOnly(0.25);
    assertThat(store.queue().lossesAt(id, "dense | width 64", 20)).containsExactly(0.5);
  }

  @Test
  void aStaleTrialIsClaimedAgainAndTheOldWorkerWritesNothing() throws InterruptedException {
    long id = store.ensureStudy(study, "s");
    store.addTrials(id, trials(1));
    Claim first = store.queue().claim(id, "w1", 50, 3).orElseThrow();
    store.queue().record(first, point(10, 1.0));
    Thread.sleep(120);
    Claim second = store.queue().claim(id, "w2", 50, 3).orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(store.steps(study, 0)).isEmpty();
    assertThat(store.queue().heartbeat(first)).isFalse();
    assertThat(store.queue().record(first, point(20, 0.9))).isFalse();
    assertThat(store.queue().finish(first, point(20, 0.9))).isFalse();
    assertThat(store.queue().record(second, point(10, 1.0))).isTrue();
    assertThat(store.queue().finish(second, point(10, 1.0))).isTrue();
    TrialRow row = store.trials(study).get(0);
    assertThat(row.status()).isEqualTo("done");
    assertThat(row.worker()).isEqualTo("w2");
    assertThat(row.attempts()).isEqualTo(2);
  }

  /**
   * A checkpoint recorded with its evaluation is what a stale trial's next claim resumes from, with
   * the metrics up to it kept and those after it dropped.
   */
  @Test
  void aStaleTrialResumesFromTheCheckpointStoredWithItsLastEvaluation()
      throws InterruptedException {
    long id = store.ensureStudy(study, "s");
    store.addTrials(id, trials(1));
    Claim first = store.queue().claim(id, "w1", 50, 3).orElseThrow();
    assertThat(first.checkpoint()).isNull();
    byte[] at10 = {1, 2, 3};
    assertThat(store.queue().record(first, point(10, 1.0), at10)).isTrue();
    assertThat(store.queue().record(first, point(20, 0.9))).isTrue();
    Thread.sleep(120);
    Claim second = store.queue().claim(id, "w2", 50, 3).orElseThrow();
    assertThat(second.checkpoint()).containsExactly(1, 2, 3);
    assertThat(second.checkpointStep()).isEqualTo(10);
    assertThat(store.steps(study, 0)).containsExactly(10L);
    assertThat(store.queue().points(second.trialId())).containsExactly(point(10, 1.0));
    assertThat(store.queue().finish(second, point(20, 0.9))).isTrue();
  }

  /** A released trial is queued again at once, its attempt uncounted, its checkpoint kept. */
  @Test
  void aReleasedTrialIsQueuedWithItsCheckpointAndItsAttemptUncounted() {
    long id = store.ensureStudy(study, "s");
    store.addTrials(id, trials(1));
    Claim first = store.queue().claim(id, "w1", 60_000, 3).orElseThrow();
    store.queue().record(first, point(10, 1.0), new byte[] {9});
    assertThat(store.queue().release(first, new byte[] {7, 7}, 14)).isTrue();
    assertThat(store.queue().release(first, new byte[] {7, 7}, 14)).isFalse();
    TrialRow row = store.trials(study).get(0);
    assertThat(row.status()).isEqualTo("queued");
    assertThat(row.attempts()).isZero();
    Claim next = store.queue().claim(id, "w2", 60_000, 3).orElseThrow();
    assertThat(next.attempt()).isEqualTo(1);
    assertThat(next.checkpoint()).containsExactly(7, 7);
    assertThat(next.checkpointStep()).isEqualTo(14);
    assertThat(store.steps(study, 0)).containsExactly(10L);
  }

  @Test
  void cancelledTrialsAreNeverClaimedAndDeletedOnesTakeTheirMetrics() {
    long id = store.ensureStudy(study, "s");
    store.addTrials(id, trials(3));
    Claim running = store.queue().claim(id, "w1", 60_000, 3).orElseThrow();
    store.queue().record(running, point(10, 1.0));
    assertThat(store.cancel(study, List.of(0, 1))).isEqualTo(2);
    assertThat(store.queue().record(running, point(20, 0.9))).isFalse();
    assertThat(store.queue().claim(id, "w1", 60_000, 3).orElseThrow().number()).isEqualTo(2);
    assertThat(store.status(study).cancelled()).isEqualTo(2);
    assertThat(store.status(study).total()).isEqualTo(3);
    assertThat(store.select(study, List.of(0, 7), null)).containsExactly(0);
    assertThat(store.select(study, null, "dense")).containsExactly(0, 1, 2);
    assertThat(store.delete(study, List.of(0))).isEqualTo(1);
    assertThat(store.trials(study)).extracting(TrialRow::number).containsExactly(1, 2);
    assertThat(store.metrics(study)).isEmpty();
  }

  @Test
  void aTrialOutOfAttemptsFailsWithTheReason() throws InterruptedException {
    long id = store.ensureStudy(study, "s");
    store.addTrials(id, trials(1));
    store.queue().claim(id, "w1", 20, 2).orElseThrow();
    Thread.sleep(50);
    store.queue().claim(id, "w2", 20, 2).orElseThrow();
    Thread.sleep(50);
    assertThat(store.queue().claim(id, "w3", 20, 2)).isEmpty();
    TrialRow row = store.trials(study).get(0);
    assertThat(row.status()).isEqualTo("failed");
    assertThat(row.error()).isEqualTo("its worker stopped heartbeating 2 times (no attempts left)");
  }

  /**
   * Eight stores (own pools, as eight processes would have) creating one study and adding its
   * trials at once: one study, every trial once, numbers 0 to n-1.
   */
  @Test
  void eightCreatorsRacingMakeOneStudyWithDistinctNumbers() throws Exception {
    int creators = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(creators);
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < creators; i++) {
      int from = i;
      Thread t =
          new Thread(
              () -> {
                try (TrialStore own = TrialStore.open(url(), 1)) {
                  start.await();
                  long id = own.ensureStudy(study, "spec");
                  // overlapping sets: each creator adds trials 0..11 from a different start
                  List<TrialSpec> all = trials(12);
                  List<TrialSpec> mine = new ArrayList<>(all.subList(from, all.size()));
                  mine.addAll(all.subList(0, from));
                  own.addTrials(id, mine);
                } catch (Throwable e) {
                  errors.add(e);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
    List<TrialRow> rows = store.trials(study);
    assertThat(rows).hasSize(12);
    assertThat(rows)
        .extracting(TrialRow::number)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, 12).boxed().toList());
    assertThat(store.studies().stream().filter(s -> s.name().equals(study))).hasSize(1);
  }

  @Test
  void concurrentClaimsNeverShareATrial() throws InterruptedException {
    long id = store.ensureStudy(study, "s");
    store.addTrials(id, trials(40));
    ConcurrentLinkedQueue<Integer> claimed = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      String worker = "w" + w;
      Thread t =
          new Thread(
              () -> {
                while (true) {
                  var c = store.queue().claim(id, worker, 60_000, 3);
                  if (c.isEmpty()) {
                    return;
                  }
                  claimed.add(c.get().number());
                  store.queue().record(c.get(), point(1, 1.0));
                  store.queue().finish(c.get(), point(1, 1.0));
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    Set<Integer> distinct = new HashSet<>(claimed);
    assertThat(claimed).hasSize(40);
    assertThat(distinct).hasSize(40);
    assertThat(store.status(study).done()).isEqualTo(40);
    assertThat(store.metrics(study)).hasSize(40);
  }
}
