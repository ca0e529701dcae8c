package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.search.worker.WorkerOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How workers behave. */
final class WorkerFlags {
  @Option(
      names = "--threads",
      defaultValue = "0",
      paramLabel = "N",
      description = "Threads per trial (default: the cores divided among the workers).")
  int threads;

  @Option(
      names = "--heartbeat",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "How often a running trial's heartbeat is renewed (5).")
  double heartbeat;

  @Option(
      names = "--stale-after",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "Claim a running trial again when its heartbeat is older than this (60).")
  double staleAfter;

  @Option(
      names = "--max-attempts",
      defaultValue = "3",
      paramLabel = "N",
      description = "Mark a trial failed after this many claims without finishing (3).")
  int maxAttempts;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Where running trials keep checkpoints (default: the system's temp dir).")
  Path workDir;

  @Option(
      names = "--events",
      paramLabel = "DIR",
      description =
          "Keep each trial's TensorBoard event files under DIR/trial-N, for tensorboard --logdir"
              + " (default: runs/STUDY-events).")
  Path events;

  @Option(names = "--no-events", description = "Keep no TensorBoard event files of the trials.")
  boolean noEvents;

  /** Local workers per core beyond which more only contend for the machine. */
  private static final int WORKERS_PER_CORE = 4;

  @Option(
      names = "--store-patience",
      defaultValue = "600",
      paramLabel = "SECONDS",
      description =
          "How long a worker waits for a store that does not answer, training on and keeping its"
              + " evaluations, before it stops (600).")
  double storePatience;

  /** The options of {@code workers} workers of {@code study}; every flag is checked. */
  WorkerOptions options(int workers, String study) {
    if (noEvents && events != null) {
      throw EinError.of("--no-events", "cannot be given with --events");
    }
    if (!(storePatience >= 0) || Double.isInfinite(storePatience)) {
      throw EinError.of("--store-patience", "must be 0 or more seconds, got " + storePatience);
    }
    if (heartbeat <= 0 || staleAfter <= heartbeat) {
      throw EinError.of(
          "--stale-after",
          "must be longer than --heartbeat (" + heartbeat + " s), got " + staleAfter + " s");
    }
    if (maxAttempts < 1) {
      throw EinError.of("--max-attempts", "must be at least 1, got " + maxAttempts);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int mostWorkers = Math.max(8, WORKERS_PER_CORE * cores);
    if (workers > mostWorkers) {
      // each worker holds a session and its model: beyond a few per core they only contend
      throw EinError.of(
          "--workers",
          "at most "
              + mostWorkers
              + " on this machine ("
              + WORKERS_PER_CORE
              + " per core of its "
              + cores
              + "), got "
              + workers);
    }
    if (threads < 0 || threads > Math.max(64, 16 * cores)) {
      throw EinError.of(
          "--threads",
          "must be 0 (the cores divided among the workers) or 1 to "
              + Math.max(64, 16 * cores)
              + ", got "
              + threads);
    }
    int perWorker =
        threads > 0 ? threads : io.einstruct.search.worker.StudyRunner.threadsPerWorker(workers);
    Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw EinError.of("--work-dir", "cannot create " + dir + ": " + e.getMessage());
    }
    return new WorkerOptions(
        Math.round(heartbeat * 1000),
        Math.round(staleAfter * 1000),
        maxAttempts,
        perWorker,
        dir,
        Math.max(1, workers),
        Math.round(storePatience * 1000),
        noEvents ? null : events != null ? events : Path.of("runs", study + "-events"));
  }
}
