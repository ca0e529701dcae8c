package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.einstruct.train.model.ModelInfo;

/**
 * {@code summary.json}: what a run was and how it ended.
 *
 * @param formatVersion the version of this file's format
 * @param status {@code running}, {@code done}, {@code failed} or {@code interrupted}
 * @param error why it failed, or null
 * @param config what it was made from
 * @param provenance where it came from
 * @param model sizes and costs
 * @param forwardMacsPerSample multiply-adds of one forward pass per example
 * @param trainingFlopsPerSample 6 × forward MACs: 2 FLOPs per MAC, backward twice forward
 * @param last the last evaluation, or null
 * @param bestTestError the lowest test error seen, or null
 * @param stoppedAt the step an interrupted run stopped at (its checkpoint's), else null and left
 *     out of the JSON
 */
public record RunSummary(
    int formatVersion,
    String status,
    String error,
    TrainConfig config,
    Provenance provenance,
    ModelInfo model,
    long forwardMacsPerSample,
    double trainingFlopsPerSample,
    EvalPoint last,
    Double bestTestError,
    @JsonInclude(Include.NON_NULL) Long stoppedAt) {
  /** The version written by this einstruct. */
  public static final int FORMAT_VERSION = 1;

  /** Whether the run stopped on request before its last step. */
  public boolean interrupted() {
    return "interrupted".equals(status);
  }
}
