package io.einstruct.train.model;

import io.einstruct.dsl.count.Counts;
import io.einstruct.dsl.model.Structure;
import io.einstruct.train.compile.ActivationLayout;
import io.einstruct.train.compile.LayerCompiler;
import io.einstruct.train.compile.LayerSpec;
import io.einstruct.train.compile.Net;
import io.einstruct.train.compile.WeightNormOptions;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One linear layer of a model before any graph exists: its bound structure and its μP role.
 *
 * @param name the layer's name, e.g. {@code blocks.0.fc1}
 * @param structure the structure at the layer's widths
 * @param zeroInit true if its last factor starts at zero: a layer that ends a residual branch, a
 *     head, or a ViT's query (so that attention starts uniform)
 * @param widthMultiplier μP's dense rate multiplier, d_in at base width / d_in
 * @param extraLr a further rate factor (the MLP input layer's 0.1)
 * @param bias whether the layer adds a learnable bias
 * @param activeFraction the share of inputs the layer sees: 1, or top/E for one expert of a routed
 *     block, whose cost is counted only for the inputs routed to it
 * @param normedOutput true if a LayerNorm rescales its output right away (q and k)
 */
public record LayerPlan(
    String name,
    Structure structure,
    boolean zeroInit,
    double widthMultiplier,
    double extraLr,
    boolean bias,
    double activeFraction,
    boolean normedOutput) {
  /** A layer with a bias that sees every input. */
  public LayerPlan(
      String name, Structure structure, boolean zeroInit, double widthMultiplier, double extraLr) {
    this(name, structure, zeroInit, widthMultiplier, extraLr, true, 1.0, false);
  }

  /** A layer whose output is not normalised right away. */
  public LayerPlan(
      String name,
      Structure structure,
      boolean zeroInit,
      double widthMultiplier,
      double extraLr,
      boolean bias,
      double activeFraction) {
    this(name, structure, zeroInit, widthMultiplier, extraLr, bias, activeFraction, false);
  }

  /** The layer's sizes and expected cost per input. */
  public LayerInfo info() {
    Counts c = Counts.of(structure);
    return new LayerInfo(
        name,
        structure.name(),
        structure.dIn(),
        structure.dOut(),
        c.params(),
        Math.round(c.macs() * activeFraction),
        !structure.routes().isEmpty() || activeFraction < 1);
  }

  /** Trainable values the layer adds: its factors, bias and weight-norm gains. */
  long params(WeightNormOptions weightNorm) {
    return Counts.of(structure).params()
        + (bias ? structure.dOut() : 0)
        + weightNorm.gainCount(structure, normedOutput);
  }

  /**
   * Compiles the layer into {@code net}.
   *
   * @param rows the rows of {@code x} per batch, for which the contraction order is planned
   * @param x the input, [rows, d_in]
   * @return the output, [rows, d_out]
   */
  Operand<TFloat32> apply(Net net, int rows, Operand<TFloat32> x) {
    return apply(net, rows, x, ActivationLayout.ROWS);
  }

  /** Compiles the layer into {@code net} with its input and output laid out as {@code layout}. */
  Operand<TFloat32> apply(Net net, int rows, Operand<TFloat32> x, ActivationLayout layout) {
    return LayerCompiler.compile(
            net,
            new LayerSpec(
                name,
                structure,
                rows,
                zeroInit,
                bias,
                widthMultiplier,
                extraLr,
                normedOutput,
                layout),
            x)
        .output();
  }
}
