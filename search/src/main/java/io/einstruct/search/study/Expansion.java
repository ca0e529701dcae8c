package io.einstruct.search.study;

import java.util.List;

/**
 * A study expanded into trials.
 *
 * @param trials the trials to run, in order
 * @param skipped configurations that cannot be realised (a θ point whose rounded sizes are more
 *     than 15% off a layer's width, say), each with why
 * @param overBudget configurations left out by the budget
 */
public record Expansion(List<TrialSpec> trials, List<String> skipped, int overBudget) {
  public Expansion {
    trials = List.copyOf(trials);
    skipped = List.copyOf(skipped);
  }

  /** Total estimated training FLOPs. */
  public double flops() {
    return trials.stream().mapToDouble(TrialSpec::flops).sum();
  }
}
