package io.einstruct.search.worker;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.search.store.Claim;
import io.einstruct.search.store.RunEnvironment;
import io.einstruct.search.store.StoreException;
import io.einstruct.search.store.TrialQueue;
import io.einstruct.search.store.TrialStatus;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.PruneResource;
import io.einstruct.train.data.DataCache;
import io.einstruct.train.run.Checkpoint;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.Json;
import io.einstruct.train.run.MetricsLog;
import io.einstruct.train.run.RunSummary;
import io.einstruct.train.run.StopRequest;
import io.einstruct.train.run.TrainConfig;
import io.einstruct.train.run.TrainListener;
import io.einstruct.train.run.Trainer;
import io.einstruct.train.run.TrainingFailed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Claims trials of one study and trains them until none is left. While a trial trains, a background
 * thread renews its heartbeat; every evaluation is recorded in the store as it comes. If the claim
 * is lost (the heartbeat went stale and another worker took the trial), training stops and nothing
 * more is written.
 */
public final class Worker {
  private final TrialQueue queue;
  private final long studyId;
  private final String name;
  private final Library library;
  private final WorkerOptions options;
  private final Pruning pruning;
  private final WorkerListener listener;
  private final DataCache data;
  private final StopRequest stop;
  private final Patience patience;
  private Recorder recorder;

  /**
   * A worker.
   *
   * @param store the shared store
   * @param studyId the study to work on
   * @param name this worker's unique name (host, process, thread)
   * @param library the built-in structures
   * @param options heartbeat, staleness, attempts, threads
   * @param pruning successive halving, or null for none
   * @param listener hears each claimed and ended trial
   * @param data datasets shared by the trials of this process
   * @param stop asks this worker to checkpoint its trial, give it back and claim no more
   */
  public Worker(
      TrialStore store,
      long studyId,
      String name,
      Library library,
      WorkerOptions options,
      Pruning pruning,
      WorkerListener listener,
      DataCache data,
      StopRequest stop) {
    this.queue = store.queue();
    this.studyId = studyId;
    this.name = name;
    this.library = library;
    this.options = options;
    this.pruning = pruning;
    this.listener = listener;
    this.data = data;
    this.stop = stop;
    this.patience =
        new Patience(
            options.storePatienceMillis(),
            (what, why, retry) -> listener.waitingForStore(what, why, retry));
  }

  /**
   * Works until the study has no trial to claim or a stop is requested; returns how many trials it
   * ran.
   */
  public int run() {
    int ran = 0;
    while (!stop.requested()) {
      var claim =
          patience.call(
              "claim a trial",
              () -> queue.claim(studyId, name, options.staleMillis(), options.maxAttempts()));
      if (claim.isEmpty()) {
        // trials still running may be under a dead worker: wait until they finish, or go stale
        // and are claimed here, before calling the study done
        if (patience.call("count running trials", () -> queue.running(studyId)) == 0) {
          return ran;
        }
        sleepQuietly(options.heartbeatMillis());
        continue;
      }
      listener.claimed(claim.get());
      train(claim.get());
      ran++;
    }
    return ran;
  }

  private void train(Claim claim) {
    AtomicBoolean lost = new AtomicBoolean();
    ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "einstruct-heartbeat-" + claim.number());
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleAtFixedRate(
        () -> {
          try {
            if (!queue.heartbeat(claim)) {
              lost.set(true);
            }
          } catch (RuntimeException e) {
            // a missed heartbeat is retried at the next tick; staleness takes minutes
          }
        },
        options.heartbeatMillis(),
        options.heartbeatMillis(),
        TimeUnit.MILLISECONDS);
    Path dir = null;
    try {
      TrainConfig config = withThreads(claim.config());
      try {
        queue.ranOn(claim, environment(config));
      } catch (RuntimeException e) {
        // where a trial ran is informational: a store hiccup here must not fail the trial
      }
      dir = Files.createTempDirectory(options.workDir(), "trial-" + claim.number() + "-");
      Path run = dir.resolve("run");
      recorder = new Recorder(claim, lost, run);
      Trainer trainer = new Trainer(library, recorder, data, stop);
      if (options.eventsDir() != null) {
        trainer = trainer.eventsIn(options.eventsDir().resolve("trial-" + claim.number()));
      }
      RunSummary summary;
      if (claim.checkpoint() != null) {
        unpack(claim, config, run);
        listener.resumed(claim, claim.checkpointStep());
        summary = trainer.resume(run);
      } else {
        if (claim.attempt() > 1) {
          listener.resumed(claim, 0);
        }
        summary = trainer.start(config, run);
      }
      if (summary.interrupted()) {
        byte[] checkpoint = Files.readAllBytes(run.resolve(Checkpoint.FILE));
        recorder.flush();
        boolean released =
            patience.call(
                "release a trial", () -> queue.release(claim, checkpoint, summary.stoppedAt()));
        listener.ended(
            claim,
            released ? "released" : "lost",
            released
                ? "interrupted at step " + summary.stoppedAt() + "; queued to resume there"
                : "the claim was lost");
        return;
      }
      EvalPoint last = summary.last();
      recorder.flush();
      boolean kept =
          last != null && patience.call("finish a trial", () -> queue.finish(claim, last));
      listener.ended(claim, kept ? "done" : "lost", kept ? "" : "the claim was lost");
    } catch (Stop stop) {
      if (!stop.outcome.equals("lost")) {
        patience.call("stop a trial", () -> queue.stop(claim, stop.outcome, stop.getMessage()));
      }
      listener.ended(claim, stop.outcome, stop.getMessage());
    } catch (TrainingFailed | EinError e) {
      // the run's own fault: the same configuration would fail again
      patience.call("fail a trial", () -> queue.stop(claim, "failed", e.getMessage()));
      listener.ended(claim, "failed", e.getMessage());
    } catch (Patience.Exhausted e) {
      // the store is away for good: nothing can be written; the trial's heartbeat goes stale and
      // another worker reclaims it from its last stored checkpoint
      listener.ended(claim, "lost", e.getMessage());
      throw e;
    } catch (StoreException e) {
      // the store failed a write the trainer needed: not the training's fault
      giveBack(claim, "the store failed: " + e.getMessage());
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      // the machine's fault (a full disk, memory, a crash inside TensorFlow): tried again elsewhere
      giveBack(claim, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      heartbeat.shutdownNow();
      delete(dir);
    }
  }

  private void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.request("interrupt");
    }
  }

  /** Queues an infrastructure failure again, or fails it when it has no attempts left. */
  private void giveBack(Claim claim, String why) {
    var status =
        patience.call("give back a trial", () -> queue.retry(claim, why, options.maxAttempts()));
    listener.ended(
        claim, status.map(s -> s == TrialStatus.QUEUED ? "retried" : "failed").orElse("lost"), why);
  }

  /**
   * Lays out the run directory an earlier attempt left in the store: its configuration, its
   * checkpoint and the metrics up to it, so that the trainer resumes it as it would its own.
   */
  private void unpack(Claim claim, TrainConfig config, Path run) throws IOException {
    Files.createDirectories(run);
    Json.write(run.resolve(Trainer.CONFIG), config);
    Files.write(run.resolve(Checkpoint.FILE), claim.checkpoint());
    MetricsLog metrics = new MetricsLog(run.resolve(Trainer.METRICS));
    for (EvalPoint p : queue.points(claim.trialId())) {
      if (p.step() <= claim.checkpointStep()) {
        metrics.append(p);
      }
    }
  }

  /** This machine, and the threads {@code c} trains with. */
  private RunEnvironment environment(TrainConfig c) {
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = c.run().intraThreads() > 0 ? c.run().intraThreads() : cores;
    return new RunEnvironment(
        name.contains(":") ? name.substring(0, name.indexOf(':')) : name,
        cores,
        threads,
        options.localWorkers());
  }

  private TrainConfig withThreads(TrainConfig c) {
    if (options.threads() == 0) {
      return c;
    }
    return c.with(c.run().withThreads(options.threads()));
  }

  /** Records evaluations, applies the pruner, and stops when the claim is lost. */
  private final class Recorder implements TrainListener {
    private final Claim claim;
    private final AtomicBoolean lost;
    private final Path run;
    private final java.util.List<EvalPoint> pending = new java.util.ArrayList<>();
    private byte[] pendingCheckpoint;
    private long waitingSince = -1;
    private int rung;

    Recorder(Claim claim, AtomicBoolean lost, Path run) {
      this.claim = claim;
      this.lost = lost;
      this.run = run;
    }

    @Override
    public void stepped(long step, long total, double loss, double samplesPerSecond) {
      if (lost.get()) {
        throw new Stop("lost", "the claim was lost: another worker took the trial over");
      }
    }

    /** The checkpoint the trainer wrote with this evaluation. */
    private byte[] checkpoint() {
      try {
        return Files.readAllBytes(run.resolve(Checkpoint.FILE));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the trial's checkpoint: " + e.getMessage(), e);
      }
    }

    /**
     * Records what the store missed while it was away, oldest first, the checkpoint with the
     * newest; true once nothing is pending. A claim lost meanwhile stops the trial.
     */
    boolean tryFlush() {
      while (!pending.isEmpty()) {
        EvalPoint p = pending.get(0);
        boolean newest = pending.size() == 1;
        boolean owned;
        try {
          owned = queue.record(claim, p, newest ? pendingCheckpoint : null);
        } catch (StoreException e) {
          return false;
        }
        if (!owned) {
          throw new Stop("lost", "the claim was lost: another worker took the trial over");
        }
        pending.remove(0);
      }
      pendingCheckpoint = null;
      return true;
    }

    /** Records everything pending, waiting for the store as long as the patience allows. */
    void flush() {
      patience.call(
          "record evaluations",
          () -> {
            if (!tryFlush()) {
              throw new StoreException("the store is still away", null);
            }
            return true;
          });
    }

    @Override
    public void evaluated(EvalPoint p) {
      pending.add(p);
      pendingCheckpoint = checkpoint();
      if (!tryFlush()) {
        // the store is away: train on, keeping the evaluations to record when it is back
        if (waitingSince < 0) {
          waitingSince = System.currentTimeMillis();
          listener.waitingForStore("record evaluations", "unreachable", 0);
        }
        if (System.currentTimeMillis() - waitingSince > patience.millis()) {
          throw patience.exhausted("record evaluations", null, null);
        }
        return;
      }
      waitingSince = -1;
      if (pruning == null || !pruning.prunes(claim.label())) {
        return;
      }
      while (pruning.reached(p, pruning.rung(rung))) {
        boolean flops = pruning.resource() == PruneResource.FLOPS;
        double at = pruning.rung(rung);
        var losses =
            flops
                ? queue.lossesPast(studyId, claim.config().model().width(), at)
                : queue.lossesAt(studyId, claim.group(), p.step());
        if (!pruning.promotes(p.trainLoss(), losses)) {
          throw new Stop(
              "pruned",
              String.format(
                  java.util.Locale.ROOT,
                  "pruned at %s: training loss %.4g not in the best 1/%d of %d",
                  flops
                      ? String.format(java.util.Locale.ROOT, "%.3g", at)
                              .replaceFirst("\\.?0+e", "e")
                          + " training FLOPs"
                      : "epoch " + epoch(p.epoch()),
                  p.trainLoss(),
                  pruning.eta(),
                  losses.size()));
        }
        rung++;
      }
    }
  }

  private static String epoch(double e) {
    return e == Math.rint(e)
        ? String.valueOf((long) e)
        : String.format(java.util.Locale.ROOT, "%.2f", e);
  }

  /** Ends a trial early: pruned, or the claim lost. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String outcome;

    Stop(String outcome, String message) {
      super(message, null, false, false);
      this.outcome = outcome;
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
