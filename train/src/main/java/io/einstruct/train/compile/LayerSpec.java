package io.einstruct.train.compile;

import io.einstruct.dsl.model.Structure;

/**
 * One linear layer to compile.
 *
 * @param name unique prefix of its parameters, e.g. {@code blocks.0.fc1}
 * @param structure the bound structure (d_in → d_out)
 * @param batch the batch size to plan the contraction order for
 * @param residualOutput true if the layer ends a residual branch: its last factor starts at zero
 * @param bias whether to add a learnable bias
 * @param widthMultiplier μP's dense learning-rate multiplier of the layer, d_in at base width /
 *     d_in (1 for an input layer, whose fan-in does not grow)
 * @param extraLr a further multiplier of every rate of the layer (0.1 for an MLP's input layer)
 * @param normedOutput true if a LayerNorm rescales the output right away (q and k under
 *     QK-LayerNorm), which makes a weight-norm gain redundant
 * @param layout the layout of the layer's input and output: [N, d] or [d, N]
 */
public record LayerSpec(
    String name,
    Structure structure,
    int batch,
    boolean residualOutput,
    boolean bias,
    double widthMultiplier,
    double extraLr,
    boolean normedOutput,
    ActivationLayout layout) {
  public LayerSpec {
    if (layout == ActivationLayout.AUTO) {
      throw new IllegalArgumentException("layer " + name + ": resolve the AUTO layout first");
    }
    if (layout == ActivationLayout.COLUMNS && !structure.routes().isEmpty()) {
      throw new IllegalArgumentException(
          "routed layer " + name + " needs rows: its router reads [N, d_in]");
    }
  }

  /** A layer with rows of examples. */
  public LayerSpec(
      String name,
      Structure structure,
      int batch,
      boolean residualOutput,
      boolean bias,
      double widthMultiplier,
      double extraLr,
      boolean normedOutput) {
    this(
        name,
        structure,
        batch,
        residualOutput,
        bias,
        widthMultiplier,
        extraLr,
        normedOutput,
        ActivationLayout.ROWS);
  }

  /** A layer whose output is not normalised right away. */
  public LayerSpec(
      String name,
      Structure structure,
      int batch,
      boolean residualOutput,
      boolean bias,
      double widthMultiplier,
      double extraLr) {
    this(name, structure, batch, residualOutput, bias, widthMultiplier, extraLr, false);
  }
}
