package io.einstruct.search.store;

import io.einstruct.train.run.TrainConfig;

/**
 * A trial a worker holds. Every later write names the worker and the attempt, so a worker that lost
 * its claim (its heartbeat went stale and another took the trial over) writes nothing.
 *
 * @param trialId the trial's row
 * @param number the trial's number in its study
 * @param label the structure's label
 * @param group the pruning group
 * @param worker the holder
 * @param attempt which attempt this is, from 1
 * @param config what to train
 * @param checkpoint the checkpoint an earlier attempt left, to resume from, or null
 * @param checkpointStep its step (0 without one); the trial's metrics up to it are kept
 */
public record Claim(
    long trialId,
    int number,
    String label,
    String group,
    String worker,
    int attempt,
    TrainConfig config,
    byte[] checkpoint,
    long checkpointStep) {
  /** A claim of a trial with no checkpoint to resume from. */
  public Claim(
      long trialId,
      int number,
      String label,
      String group,
      String worker,
      int attempt,
      TrainConfig config) {
    this(trialId, number, label, group, worker, attempt, config, null, 0);
  }
}
