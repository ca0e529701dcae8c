package io.einstruct.train.model;

import io.einstruct.train.compile.Parameters;

/** Checks that a spec's counts agree with the graph built from it. */
final class ModelInfos {
  private ModelInfos() {}

  /**
   * {@code info}, after checking that it counts the trainable values {@code parameters} holds; a
   * mismatch is a bug in the spec's arithmetic, caught before it skews a study's FLOP budget.
   */
  static ModelInfo checked(ModelInfo info, Parameters parameters) {
    if (info.params() != parameters.count()) {
      throw new IllegalStateException(
          "the model spec counts "
              + info.params()
              + " parameters but the graph holds "
              + parameters.count());
    }
    return info;
  }
}
