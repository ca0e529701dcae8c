package io.einstruct.train.compile;

/** The order in which a layer's operands are contracted. */
public enum ContractionOrder {
  /** The cheapest order the planner finds for the batch size (exact search for small layers). */
  PLANNED,
  /** Input first, then each factor from the last to the first, as the equation is written. */
  CHAIN
}
