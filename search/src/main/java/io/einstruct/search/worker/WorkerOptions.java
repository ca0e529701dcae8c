package io.einstruct.search.worker;

import java.nio.file.Path;

/**
 * How a worker behaves.
 *
 * @param heartbeatMillis how often a running trial's heartbeat is renewed
 * @param staleMillis a running trial whose heartbeat is older than this is claimed again
 * @param maxAttempts a trial claimed this many times without finishing is marked failed
 * @param threads intra-op threads per trial (0: the trial's own setting)
 * @param workDir where trials keep their checkpoints while they run
 * @param localWorkers workers training at once in this process, recorded with each trial
 * @param storePatienceMillis how long a worker waits for a store that does not answer (training on,
 *     its evaluations kept) before it gives its trial back and stops
 * @param eventsDir where each trial's TensorBoard event files go, under {@code trial-N} (null: none
 *     kept, they go with the trial's work directory)
 */
public record WorkerOptions(
    long heartbeatMillis,
    long staleMillis,
    int maxAttempts,
    int threads,
    Path workDir,
    int localWorkers,
    long storePatienceMillis,
    Path eventsDir) {
  /** Ten minutes: a database restart or a failover, not an outage that needs a person. */
  public static final long STORE_PATIENCE_MILLIS = 600_000;

  public WorkerOptions {
    if (heartbeatMillis < 1
        || staleMillis <= heartbeatMillis
        || maxAttempts < 1
        || threads < 0
        || localWorkers < 1
        || storePatienceMillis < 0) {
      throw new IllegalArgumentException(
          "heartbeat "
              + heartbeatMillis
              + " ms, stale after "
              + staleMillis
              + " ms, "
              + maxAttempts
              + " attempts, "
              + threads
              + " threads");
    }
  }

  /** These options with another store patience. */
  public WorkerOptions withStorePatience(long millis) {
    return new WorkerOptions(
        heartbeatMillis,
        staleMillis,
        maxAttempts,
        threads,
        workDir,
        localWorkers,
        millis,
        eventsDir);
  }

  /** These options for one of {@code n} workers training at once in this process. */
  public WorkerOptions withLocalWorkers(int n) {
    return new WorkerOptions(
        heartbeatMillis,
        staleMillis,
        maxAttempts,
        threads,
        workDir,
        n,
        storePatienceMillis,
        eventsDir);
  }

  /** These options with each trial's TensorBoard events kept under {@code dir/trial-N}. */
  public WorkerOptions withEvents(Path dir) {
    return new WorkerOptions(
        heartbeatMillis,
        staleMillis,
        maxAttempts,
        threads,
        workDir,
        localWorkers,
        storePatienceMillis,
        dir);
  }

  /** Heartbeat every 5 s, stale after 60 s, 3 attempts. */
  public static WorkerOptions defaults(int threads, Path workDir) {
    return new WorkerOptions(5_000, 60_000, 3, threads, workDir, 1, STORE_PATIENCE_MILLIS, null);
  }
}
