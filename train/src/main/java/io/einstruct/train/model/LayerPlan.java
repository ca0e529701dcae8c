package io.einstruct.train.model;

import io.einstruct.dsl.count.Counts;
import io.einstruct.dsl.model.Structure;

/**
 * One linear layer of a model before any graph exists: its bound structure and its μP role.
 *
 * @param name the layer's name, e.g. {@code blocks.0.fc1}
 * @param structure the structure at the layer's widths
 * @param residualOutput true if it ends a residual branch (its last factor starts at zero)
 * @param widthMultiplier μP's dense rate multiplier, d_in at base width / d_in
 * @param extraLr a further rate factor (the input layer's 0.1)
 */
public record LayerPlan(
    String name,
    Structure structure,
    boolean residualOutput,
    double widthMultiplier,
    double extraLr) {
  /** The layer's sizes and costs. */
  public LayerInfo info() {
    Counts c = Counts.of(structure);
    return new LayerInfo(
        name,
        structure.name(),
        structure.dIn(),
        structure.dOut(),
        c.params(),
        c.macs(),
        !structure.routes().isEmpty());
  }
}
