package io.einstruct.train.compile;

import io.einstruct.dsl.plan.PlanStep;

/**
 * Picks a step's lowering for {@link Lowering#AUTO}. Measured with {@code benchmarks} (see {@code
 * docs/benchmarks.md}; 2-core AVX-512, batch 1024, forward + backward, every built-in at widths
 * 256, 1024 and 4096): one {@code Einsum} per step was the fastest, or within 12% of BatchMatMul
 * (kron, btt3), in every case that trains, and up to 2.4× faster for steps without a batch index (a
 * plain matrix product, which {@code Einsum} hands to oneDNN's MatMul while {@code BatchMatMulV3}
 * takes a slower path). BatchMatMul wins some forward-only cases (tt, btt3, kron, by up to 45%),
 * which matter for inference and not for training, so the rule is Einsum for every step.
 */
final class LoweringChoice {
  private LoweringChoice() {}

  static Lowering choose(PlanStep step) {
    return Lowering.EINSUM;
  }
}
