package io.einstruct.train.run;

import io.einstruct.train.model.ModelInfo;

/** Hears what a run does, to show progress or to record it elsewhere. */
public interface TrainListener {
  /** The run starts (or resumes) at {@code step} of {@code total}. */
  default void started(TrainConfig config, ModelInfo model, String data, long step, long total) {}

  /**
   * A run is resumed at {@code step}: from its checkpoint, or from scratch ({@code step} 0) when it
   * has none.
   */
  default void resuming(long step, boolean fromCheckpoint) {}

  /**
   * A new run starts from {@code weights} instead of a random start: {@code set} of the model's
   * {@code parameters} trainable tensors came from it, and before any step it scores {@code
   * before}.
   */
  default void initialised(InitialWeights weights, int set, int parameters, HeldOut before) {}

  /** A step finished. */
  default void stepped(long step, long total, double loss, double samplesPerSecond) {}

  /** An evaluation finished and was written. */
  default void evaluated(EvalPoint point) {}

  /** Listens to nothing. */
  TrainListener NONE = new TrainListener() {};
}
