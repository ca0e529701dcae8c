package io.einstruct.train.model;

import io.einstruct.train.compile.ActivationLayout;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.Net;
import io.einstruct.train.compile.Parameters;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Builds the residual MLP into a {@link Model}. μP: a block layer trains at {@code base_lr · (d_in
 * at base width / d_in) · κ}, which is d0/d for every hidden matrix, including the 4d-wide second
 * layer of a block; the input layer's fan-in does not grow, so its multiplier is 1 (times the
 * input-layer factor); the head is dense at d0/d and starts at zero, as does the last factor of
 * each block's second layer.
 */
public final class MlpBuilder {
  private MlpBuilder() {}

  /**
   * Builds the model.
   *
   * @param spec the architecture
   * @param options how layers compile
   * @param adam the optimiser
   * @param batch the training batch size, for which contraction orders are planned
   * @param session threads and device
   */
  public static Model build(
      MlpSpec spec, CompileOptions options, AdamConfig adam, int batch, SessionOptions session) {
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph).withDevice(session.device().spec());
      Parameters parameters = new Parameters();
      Net net = new Net(tf, parameters, options);
      Placeholder<TFloat32> x =
          tf.withName("input")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.inputDim())));
      Placeholder<TFloat32> target =
          tf.withName("target")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.outputs())));
      Inputs inputs = new Inputs(x, null, target, null, spec.inputDim(), spec.outputs());
      List<LayerPlan> plan = spec.layers();
      ActivationLayout layout = layout(plan, options.layout());
      boolean columns = layout == ActivationLayout.COLUMNS;
      List<LayerInfo> layers = new ArrayList<>();
      // in columns the whole network works on [features, N]: one transpose in, one out
      Operand<TFloat32> in = columns ? tf.linalg.transpose(x, swap(tf)) : x;
      Operand<TFloat32> h = Gelu.apply(tf, layer(net, layers, plan.get(0), batch, in, layout));
      for (int b = 0; b < spec.depth(); b++) {
        Operand<TFloat32> u = norm(net, "blocks." + b + ".norm", h, spec.width(), columns);
        u = Gelu.apply(tf, layer(net, layers, plan.get(1 + 2 * b), batch, u, layout));
        h = tf.math.add(h, layer(net, layers, plan.get(2 + 2 * b), batch, u, layout));
      }
      Operand<TFloat32> hidden = norm(net, "final_norm", h, spec.width(), columns);
      Operand<TFloat32> out = layer(net, layers, plan.get(plan.size() - 1), batch, hidden, layout);
      if (columns) {
        hidden = tf.linalg.transpose(hidden, swap(tf));
        out = tf.linalg.transpose(out, swap(tf));
      }
      long macs = layers.stream().mapToLong(LayerInfo::macs).sum();
      ModelInfo info =
          new ModelInfo(parameters.count(), macs, 1, layers, layers.get(layers.size() - 1).macs());
      return Model.of(
          Heads.finish(graph, net, inputs, out, target, spec.loss(), hidden, adam, info),
          adam,
          session);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  private static Operand<TFloat32> layer(
      Net net,
      List<LayerInfo> infos,
      LayerPlan plan,
      int batch,
      Operand<TFloat32> x,
      ActivationLayout layout) {
    infos.add(plan.info());
    return plan.apply(net, batch, x, layout);
  }

  /**
   * The layout of {@code plan}'s activations: rows when a layer is routed (routers read rows), else
   * {@code preferred}, with {@code AUTO} resolved by the first block layer's structure.
   */
  static ActivationLayout layout(List<LayerPlan> plan, ActivationLayout preferred) {
    if (plan.stream().anyMatch(p -> !p.structure().routes().isEmpty())) {
      return ActivationLayout.ROWS;
    }
    if (preferred != ActivationLayout.AUTO) {
      return preferred;
    }
    return plan.size() > 2
        ? ActivationLayout.preferredFor(plan.get(1).structure())
        : ActivationLayout.ROWS;
  }

  /** The permutation that swaps the two axes of a matrix. */
  private static Operand<org.tensorflow.types.TInt32> swap(Ops tf) {
    return tf.constant(new int[] {1, 0});
  }

  private static Operand<TFloat32> norm(
      Net net, String name, Operand<TFloat32> h, int width, boolean columns) {
    return columns
        ? LayerNorm.applyColumns(net, name, h, width)
        : LayerNorm.apply(net, name, h, width);
  }
}
