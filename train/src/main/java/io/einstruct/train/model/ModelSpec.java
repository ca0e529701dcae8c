package io.einstruct.train.model;

import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;

/**
 * An architecture with every layer bound to its structure, before any graph exists: enough to count
 * its parameters and FLOPs (for study budgets) and to build it.
 */
public sealed interface ModelSpec permits MlpSpec, VitSpec, GptSpec {
  /**
   * Every linear layer, head included, bound to its structure, in the order the model applies them.
   */
  java.util.List<LayerPlan> layers();

  /** Sizes and costs, computed without a graph; equal to the built model's {@link Model#info()}. */
  ModelInfo info(WeightNormOptions weightNorm);

  /**
   * Builds the model's graph and session.
   *
   * @param options how layers compile
   * @param adam the optimiser
   * @param batch the training batch size (examples), for which contraction orders are planned
   * @param session threads and device
   */
  Model build(CompileOptions options, AdamConfig adam, int batch, SessionOptions session);
}
