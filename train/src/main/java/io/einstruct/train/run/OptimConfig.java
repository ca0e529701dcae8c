package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * The optimiser of a run.
 *
 * @param kind {@code adam} or {@code adamw}
 * @param lr the base learning rate η0 of a dense layer at width d0
 * @param beta1 Adam's β1
 * @param beta2 Adam's β2
 * @param epsilon Adam's ε
 * @param weightDecay decoupled weight decay (AdamW only)
 * @param clip global gradient-norm clip (0: off)
 * @param schedule {@code cosine} (to 0) or {@code constant}
 * @param warmup linear warm-up steps
 * @param inputLrMultiplier extra factor on the input layer's rates (0.1 in the paper's MLPs, 1 for
 *     its ViTs' patch embedding; a GPT has no input layer)
 * @param finalLrFraction where cosine decay ends, as a fraction of the peak (both papers' GPTs:
 *     0.1; null: 0, as configurations written before it existed); left out of the JSON when null
 */
public record OptimConfig(
    OptimizerKind kind,
    double lr,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    double clip,
    ScheduleKind schedule,
    long warmup,
    double inputLrMultiplier,
    @JsonInclude(Include.NON_NULL) Double finalLrFraction) {
  /** An optimiser configured without the settings added after the first format. */
  public OptimConfig(
      OptimizerKind kind,
      double lr,
      double beta1,
      double beta2,
      double epsilon,
      double weightDecay,
      double clip,
      ScheduleKind schedule,
      long warmup,
      double inputLrMultiplier) {
    this(
        kind,
        lr,
        beta1,
        beta2,
        epsilon,
        weightDecay,
        clip,
        schedule,
        warmup,
        inputLrMultiplier,
        null);
  }

  /** Adam at 3e-3 with cosine decay, as the paper's MLPs. */
  public static OptimConfig defaults() {
    return new OptimConfig(
        OptimizerKind.ADAM, 3e-3, 0.9, 0.999, 1e-8, 0, 0, ScheduleKind.COSINE, 0, 0.1);
  }

  /** The paper's input-layer factor for a model kind: 0.1 for the MLP, else 1. */
  public static double inputLrMultiplier(ModelKind modelKind) {
    return modelKind == ModelKind.MLP ? 0.1 : 1.0;
  }
}
