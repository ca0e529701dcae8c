package io.einstruct.train.model;

/**
 * The residual MLP of compute-better-spent: an input layer and GELU, {@code depth} blocks {@code h
 * + W2 · GELU(W1 · LN(h))} with {@code expansion}× wide hidden layers, a final LayerNorm, and a
 * dense zero-initialised head.
 *
 * @param inputDim features per example
 * @param outputs classes or regression outputs
 * @param width the model's width d
 * @param depth residual blocks
 * @param expansion hidden width of a block, as a multiple of d
 * @param hidden the structure of every block layer
 * @param input the structure of the input layer (dense for low rank, as in the paper)
 * @param head the structure of the head (dense in the paper)
 * @param loss what the output is scored by
 * @param baseWidth d0, the width at which every layer trains at the base rate
 * @param inputLrMultiplier extra learning-rate factor of the input layer (0.1 in the paper's MLPs)
 */
public record MlpSpec(
    int inputDim,
    int outputs,
    int width,
    int depth,
    int expansion,
    StructureChoice hidden,
    StructureChoice input,
    StructureChoice head,
    Loss loss,
    int baseWidth,
    double inputLrMultiplier) {
  public MlpSpec {
    if (inputDim < 1 || outputs < 1 || width < 1 || depth < 0 || expansion < 1 || baseWidth < 1) {
      throw new IllegalArgumentException(
          "bad MLP: input "
              + inputDim
              + ", outputs "
              + outputs
              + ", width "
              + width
              + ", depth "
              + depth
              + ", expansion "
              + expansion);
    }
  }
}
