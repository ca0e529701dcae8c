package io.einstruct.dsl.plan;

import java.util.List;
import java.util.Map;

/**
 * An order in which to contract a structure's operands for a batch of inputs.
 *
 * @param structure the structure's name
 * @param batch number of input vectors
 * @param chainOrder true if this is the chain order (x meets each factor in turn)
 * @param steps the pairwise contractions in execution order
 * @param macs total multiply-adds of the steps
 * @param chainMacs total multiply-adds of the chain order for the same batch
 * @param letters the letter each index (and {@link Planner#BATCH}) has in the einsum strings
 */
public record ContractionPlan(
    String structure,
    int batch,
    boolean chainOrder,
    List<PlanStep> steps,
    long macs,
    long chainMacs,
    Map<String, Character> letters) {
  public ContractionPlan {
    steps = List.copyOf(steps);
    letters = Map.copyOf(letters);
  }

  /** Multiply-adds per input vector. */
  public double macsPerVector() {
    return (double) macs / batch;
  }

  /** How many times cheaper than the chain order this plan is (1 for the chain itself). */
  public double speedupOverChain() {
    return (double) chainMacs / macs;
  }
}
