package io.einstruct.train.model;

import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.data.Loss;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;
import java.util.ArrayList;
import java.util.List;

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
 * @param baseExpansion e0, the expansion of the μP base model: the second layer of a block trains
 *     at (e0·d0)/(e·d) (e0 = e, as compute-better-spent's MLPs, gives d0/d)
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
    double inputLrMultiplier,
    int baseExpansion)
    implements ModelSpec {
  public MlpSpec {
    if (inputDim < 1
        || outputs < 1
        || width < 1
        || depth < 0
        || expansion < 1
        || baseWidth < 1
        || baseExpansion < 1) {
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
              + expansion
              + ", base expansion "
              + baseExpansion);
    }
  }

  /**
   * Every linear layer in order: the input layer, each block's two layers, the head. Binding
   * happens here, so a structure that does not fit a layer fails before any graph is built.
   */
  @Override
  public List<LayerPlan> layers() {
    List<LayerPlan> layers = new ArrayList<>();
    int d = width;
    double multiplier = (double) baseWidth / d;
    double fc2 = (double) baseExpansion * baseWidth / ((double) expansion * d);
    layers.add(
        new LayerPlan("input", input.bind("input", inputDim, d), false, 1.0, inputLrMultiplier));
    for (int b = 0; b < depth; b++) {
      String name = "blocks." + b;
      int wide = expansion * d;
      layers.add(
          new LayerPlan(
              name + ".fc1", hidden.bind(name + ".fc1", d, wide), false, multiplier, 1.0));
      layers.add(new LayerPlan(name + ".fc2", hidden.bind(name + ".fc2", wide, d), true, fc2, 1.0));
    }
    layers.add(new LayerPlan("head", head.bind("head", d, outputs), true, multiplier, 1.0));
    return layers;
  }

  /**
   * Sizes and costs without building a graph: the layers' counts plus their biases, and the
   * LayerNorms' gains and biases (and one gain per factor under weight normalisation).
   */
  @Override
  public ModelInfo info(WeightNormOptions weightNorm) {
    List<LayerInfo> infos = new ArrayList<>();
    long params = 2L * width * (depth + 1);
    for (LayerPlan layer : layers()) {
      LayerInfo info = layer.info();
      infos.add(info);
      params += layer.params(weightNorm);
    }
    long macs = infos.stream().mapToLong(LayerInfo::macs).sum();
    return new ModelInfo(params, macs, 1, infos, infos.get(infos.size() - 1).macs());
  }

  @Override
  public Model build(CompileOptions options, AdamConfig adam, int batch, SessionOptions session) {
    return MlpBuilder.build(this, options, adam, batch, session);
  }
}
