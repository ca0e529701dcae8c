package io.einstruct.search.store;

import static io.einstruct.search.store.TrialStore.update;

import io.einstruct.train.run.EvalPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trial queue of a store, as workers use it: claim a trial, heartbeat, record its evaluations
 * and checkpoints, and finish, stop or release it. Every write names the claim and changes nothing
 * once the claim is lost; every call is one transaction.
 */
public final class TrialQueue {
  /** The condition under which a claim still holds its trial: every write of a worker adds it. */
  private static final String OWNED =
      " WHERE id = ? AND worker = ? AND attempts = ? AND status = 'running'";

  /**
   * Claims the first trial that is queued, or running with a heartbeat older than {@code
   * staleMillis}. A stale trial already tried {@code maxAttempts} times is marked failed instead. A
   * trial claimed again resumes from the checkpoint its last attempt stored, keeping the metrics up
   * to it; without one it starts over and its metrics are removed.
   */
  public Optional<Claim> claim(long studyId, String worker, long staleMillis, int maxAttempts) {
    return store.transaction(
        "claim a trial",
        c -> {
          while (true) {
            long now = System.currentTimeMillis();
            Optional<long[]> candidate = candidate(c, studyId, now - staleMillis);
            if (candidate.isEmpty()) {
              return Optional.empty();
            }
            long id = candidate.get()[0];
            int attempts = (int) candidate.get()[1];
            if (attempts >= maxAttempts) {
              update(
                  c,
                  "UPDATE trials SET status = 'failed', error = ?, finished_ms = ? WHERE id = ?",
                  "its worker stopped heartbeating " + attempts + " times (no attempts left)",
                  now,
                  id);
              continue;
            }
            update(
                c,
                "DELETE FROM metrics WHERE trial_id = ? AND step > (SELECT"
                    + " COALESCE(checkpoint_step, 0) FROM trials WHERE id = ?)",
                id,
                id);
            update(
                c,
                "UPDATE trials SET status = 'running', worker = ?, heartbeat_ms = ?, attempts ="
                    + " ?, started_ms = ?, error = NULL WHERE id = ?",
                worker,
                now,
                attempts + 1,
                now,
                id);
            return Optional.of(claimed(c, id, worker, attempts + 1));
          }
        });
  }

  /** How many trials of the study are running, under live workers or dead ones. */
  public int running(long studyId) {
    return store.transaction(
        "count running trials",
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM trials WHERE study_id = ? AND status = 'running'")) {
            p.setLong(1, studyId);
            try (ResultSet r = p.executeQuery()) {
              r.next();
              return r.getInt(1);
            }
          }
        });
  }

  /** Renews the claim's heartbeat; false if the claim was lost. */
  public boolean heartbeat(Claim claim) {
    return store.transaction(
        "heartbeat",
        c ->
            update(
                    c,
                    "UPDATE trials SET heartbeat_ms = ?" + OWNED,
                    System.currentTimeMillis(),
                    claim.trialId(),
                    claim.worker(),
                    claim.attempt())
                == 1);
  }

  /**
   * Records one evaluation (a second record of the same step changes nothing); false if the claim
   * was lost.
   */
  public boolean record(Claim claim, EvalPoint p) {
    return record(claim, p, null);
  }

  /**
   * Records one evaluation and, when not null, the checkpoint written with it, in one transaction:
   * a trial's stored checkpoint is never behind or ahead of its stored metrics. False if the claim
   * was lost.
   */
  public boolean record(Claim claim, EvalPoint p, byte[] checkpoint) {
    return store.transaction(
        "record a metric",
        c -> {
          if (!owns(c, claim)) {
            return false;
          }
          if (checkpoint != null) {
            saveCheckpoint(c, claim, checkpoint, p.step());
          }
          update(
              c,
              "INSERT INTO metrics (trial_id, step, epoch, samples, train_loss, train_error,"
                  + " test_loss, test_error, flops, wall_seconds, lr, aux_loss, router_perplexity,"
                  + " router_spread) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING",
              claim.trialId(),
              p.step(),
              p.epoch(),
              p.samples(),
              p.trainLoss(),
              p.trainError(),
              p.testLoss(),
              p.testError(),
              p.flops(),
              p.wallSeconds(),
              p.lr(),
              p.auxLoss(),
              p.routerPerplexity(),
              p.routerSpread());
          return true;
        });
  }

  /**
   * Gives the claimed trial back, queued with its attempt not counted, with the checkpoint its
   * worker wrote when it was interrupted (null: none), so that the next worker resumes it; false if
   * the claim was lost.
   */
  public boolean release(Claim claim, byte[] checkpoint, long step) {
    return store.transaction(
        "release a trial",
        c -> {
          if (!owns(c, claim)) {
            return false;
          }
          if (checkpoint != null) {
            saveCheckpoint(c, claim, checkpoint, step);
          }
          update(
              c,
              "DELETE FROM metrics WHERE trial_id = ? AND step > (SELECT"
                  + " COALESCE(checkpoint_step, 0) FROM trials WHERE id = ?)",
              claim.trialId(),
              claim.trialId());
          return update(
                  c,
                  "UPDATE trials SET status = 'queued', worker = NULL, heartbeat_ms = NULL,"
                      + " attempts = attempts - 1"
                      + OWNED,
                  claim.trialId(),
                  claim.worker(),
                  claim.attempt())
              == 1;
        });
  }

  private static void saveCheckpoint(Connection c, Claim claim, byte[] checkpoint, long step)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE trials SET checkpoint = ?, checkpoint_step = ?" + OWNED)) {
      p.setBytes(1, checkpoint);
      p.setLong(2, step);
      p.setLong(3, claim.trialId());
      p.setString(4, claim.worker());
      p.setInt(5, claim.attempt());
      p.executeUpdate();
    }
  }

  /** The evaluations stored for one trial, in step order. */
  public List<EvalPoint> points(long trialId) {
    return store.transaction("read a trial's metrics", c -> StoreQueries.points(c, trialId));
  }

  private static boolean owns(Connection c, Claim claim) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM trials" + OWNED)) {
      p.setLong(1, claim.trialId());
      p.setString(2, claim.worker());
      p.setInt(3, claim.attempt());
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Marks the trial done with its last evaluation; false if the claim was lost. */
  public boolean finish(Claim claim, EvalPoint last) {
    return store.transaction(
        "finish a trial",
        c ->
            update(
                    c,
                    "UPDATE trials SET status = 'done', checkpoint = NULL,"
                        + " finished_ms = ?, final_step = ?, final_train_loss = ?, final_test_loss = ?,"
                        + " final_test_error = ?, final_flops = ?, wall_seconds = ?"
                        + OWNED,
                    System.currentTimeMillis(),
                    last.step(),
                    last.trainLoss(),
                    last.testLoss(),
                    last.testError(),
                    last.flops(),
                    last.wallSeconds(),
                    claim.trialId(),
                    claim.worker(),
                    claim.attempt())
                == 1);
  }

  /** Records where the claimed trial trains; false if the claim was lost. */
  public boolean ranOn(Claim claim, RunEnvironment env) {
    return store.transaction(
        "record where a trial runs",
        c ->
            update(
                    c,
                    "UPDATE trials SET run_host = ?, run_cores = ?, run_threads = ?,"
                        + " run_workers = ?"
                        + OWNED,
                    env.host(),
                    env.cores(),
                    env.threads(),
                    env.workers(),
                    claim.trialId(),
                    claim.worker(),
                    claim.attempt())
                == 1);
  }

  /**
   * Gives back a trial that failed through no fault of its own (a full disk, memory, a crash):
   * queued again with the reason recorded and its attempt counted, or failed with the reason when
   * it has had {@code maxAttempts}. Returns the status it got, or empty if the claim was lost.
   */
  public Optional<TrialStatus> retry(Claim claim, String why, int maxAttempts) {
    boolean last = claim.attempt() >= maxAttempts;
    String error =
        last ? why + " (attempt " + claim.attempt() + " of " + maxAttempts + ", none left)" : why;
    int changed =
        store.transaction(
            "give back a trial",
            c ->
                last
                    ? update(
                        c,
                        "UPDATE trials SET status = 'failed', error = ?, finished_ms = ?" + OWNED,
                        error,
                        System.currentTimeMillis(),
                        claim.trialId(),
                        claim.worker(),
                        claim.attempt())
                    : update(
                        c,
                        "UPDATE trials SET status = 'queued', error = ?, worker = NULL,"
                            + " heartbeat_ms = NULL"
                            + OWNED,
                        error,
                        claim.trialId(),
                        claim.worker(),
                        claim.attempt()));
    return changed == 1
        ? Optional.of(last ? TrialStatus.FAILED : TrialStatus.QUEUED)
        : Optional.empty();
  }

  /** Marks the trial {@code failed} or {@code pruned} with why; false if the claim was lost. */
  public boolean stop(Claim claim, String status, String why) {
    if (!status.equals("failed") && !status.equals("pruned")) {
      throw new IllegalArgumentException("a trial stops as failed or pruned, not " + status);
    }
    return store.transaction(
        "stop a trial",
        c ->
            update(
                    c,
                    "UPDATE trials SET status = ?, error = ?, checkpoint = NULL, finished_ms = ?"
                        + OWNED,
                    status,
                    why,
                    System.currentTimeMillis(),
                    claim.trialId(),
                    claim.worker(),
                    claim.attempt())
                == 1);
  }

  /** The training losses recorded at {@code step} by the trials of {@code group}. */
  public List<Double> lossesAt(long studyId, String group, long step) {
    return losses(
        "SELECT m.train_loss FROM metrics m JOIN"
            + " trials t ON t.id = m.trial_id WHERE t.study_id = ? AND t.grp = ? AND m.step = ?",
        p -> {
          p.setLong(1, studyId);
          p.setString(2, group);
          p.setLong(3, step);
        });
  }

  /**
   * The training loss of every trial of the study at {@code width} at its first evaluation with at
   * least {@code flops} training FLOPs: the trials that reached that compute, compared there.
   */
  public List<Double> lossesPast(long studyId, int width, double flops) {
    return losses(
        "SELECT m.train_loss FROM metrics m JOIN trials t ON t.id = m.trial_id"
            + " WHERE t.study_id = ? AND t.width = ? AND m.flops = (SELECT MIN(m2.flops) FROM"
            + " metrics m2 WHERE m2.trial_id = m.trial_id AND m2.flops >= ?)",
        p -> {
          p.setLong(1, studyId);
          p.setInt(2, width);
          p.setDouble(3, flops);
        });
  }

  /** Sets a statement's parameters. */
  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private List<Double> losses(String sql, Binder binder) {
    return store.transaction(
        "read rung values",
        c -> {
          List<Double> values = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                values.add(r.getDouble(1));
              }
            }
          }
          return values;
        });
  }

  private Optional<long[]> candidate(Connection c, long studyId, long staleBefore)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, attempts FROM trials WHERE study_id"
                + " = ? AND (status = 'queued' OR (status = 'running' AND heartbeat_ms < ?)) ORDER BY"
                + " number LIMIT 1"
                + store.url().dialect().lockClause())) {
      p.setLong(1, studyId);
      p.setLong(2, staleBefore);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(new long[] {r.getLong(1), r.getInt(2)}) : Optional.empty();
      }
    }
  }

  private Claim claimed(Connection c, long id, String worker, int attempt) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT number, label, grp, config, checkpoint, COALESCE(checkpoint_step, 0) FROM"
                + " trials WHERE id = ?")) {
      p.setLong(1, id);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return new Claim(
            id,
            r.getInt(1),
            r.getString(2),
            r.getString(3),
            worker,
            attempt,
            store.read(r.getString(4)),
            r.getBytes(5),
            r.getLong(6));
      }
    }
  }

  private final TrialStore store;

  TrialQueue(TrialStore store) {
    this.store = store;
  }
}
