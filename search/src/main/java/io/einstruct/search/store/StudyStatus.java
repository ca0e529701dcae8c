package io.einstruct.search.store;

/**
 * How far a study has come.
 *
 * @param name the study
 * @param queued trials waiting
 * @param running trials being trained
 * @param done trials finished
 * @param failed trials that failed
 * @param pruned trials stopped early by the pruner
 * @param meanTrialSeconds mean training time of the finished trials
 * @param cancelled trials stopped by {@code study cancel}
 */
public record StudyStatus(
    String name,
    int queued,
    int running,
    int done,
    int failed,
    int pruned,
    double meanTrialSeconds,
    int cancelled) {
  /** A study with no cancelled trial. */
  public StudyStatus(
      String name, int queued, int running, int done, int failed, int pruned, double seconds) {
    this(name, queued, running, done, failed, pruned, seconds, 0);
  }

  /** All trials. */
  public int total() {
    return queued + running + done + failed + pruned + cancelled;
  }

  /** True if nothing is left to run. */
  public boolean finished() {
    return queued == 0 && running == 0;
  }
}
