package io.einstruct.train.model;

import io.einstruct.train.compile.Gate;
import io.einstruct.train.compile.Net;
import io.einstruct.train.data.Loss;
import io.einstruct.train.optim.Adam;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.optim.TrainStep;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * The end every model shares: the data loss and error of its output, the routed layers'
 * load-balancing loss (weight 0.01, averaged over layers) and router perplexities, and the
 * optimiser step on the total.
 */
final class Heads {
  /** Weight of the mean load-balancing loss in the total loss (einsum-search §4). */
  static final float AUX_WEIGHT = 0.01f;

  private Heads() {}

  /**
   * Finishes a graph.
   *
   * @param out the model's output, [rows, classes or outputs]
   * @param target the targets, same shape (probabilities for cross-entropy)
   */
  static ModelGraph finish(
      Graph graph,
      Net net,
      Inputs inputs,
      Operand<TFloat32> out,
      Operand<TFloat32> target,
      Loss loss,
      Operand<TFloat32> hidden,
      AdamConfig adam,
      ModelInfo info) {
    Ops tf = net.tf();
    Operand<TFloat32> dataLoss =
        switch (loss) {
          case CROSS_ENTROPY ->
              tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(out, target).loss(), tf.constant(0));
          case MSE ->
              tf.math.mean(tf.math.squaredDifference(out, target), tf.constant(new int[] {0, 1}));
        };
    Operand<TFloat32> error =
        loss == Loss.MSE
            ? tf.constant(Float.NaN)
            : tf.math.mean(
                tf.dtypes.cast(
                    tf.math.notEqual(
                        tf.math.argMax(out, tf.constant(-1)),
                        tf.math.argMax(target, tf.constant(-1))),
                    TFloat32.class),
                tf.constant(0));
    Operand<TFloat32> aux = mean(tf, net.gates().stream().map(Gate::auxLoss).toList(), 0f);
    Operand<TFloat32> total = tf.math.add(dataLoss, tf.math.mul(tf.constant(AUX_WEIGHT), aux));
    TrainStep step = Adam.build(graph, net, total, adam);
    return new ModelGraph(
        graph,
        net.parameters(),
        inputs,
        hidden,
        out,
        dataLoss,
        aux,
        error,
        mean(
            tf,
            net.gates().stream().map(g -> perplexity(tf, g.probabilities(), true)).toList(),
            Float.NaN),
        mean(
            tf,
            net.gates().stream().map(g -> perplexity(tf, g.probabilities(), false)).toList(),
            Float.NaN),
        step,
        info);
  }

  /**
   * exp(entropy): per token, averaged ({@code perToken}), or of the mean distribution. A router
   * that is sure of each token has a low per-token perplexity; one that spreads tokens over its
   * experts has a high perplexity of the mean.
   */
  private static Operand<TFloat32> perplexity(Ops tf, Operand<TFloat32> p, boolean perToken) {
    Operand<TFloat32> q = perToken ? p : tf.math.mean(p, tf.constant(0), Mean.keepDims(true));
    Operand<TFloat32> entropy =
        tf.math.neg(
            tf.reduceSum(
                tf.math.mul(q, tf.math.log(tf.math.add(q, tf.constant(1e-9f)))), tf.constant(-1)));
    return tf.math.mean(tf.math.exp(entropy), tf.constant(0));
  }

  private static Operand<TFloat32> mean(Ops tf, List<Operand<TFloat32>> values, float empty) {
    if (values.isEmpty()) {
      return tf.constant(empty);
    }
    Operand<TFloat32> sum = values.get(0);
    for (Operand<TFloat32> v : values.subList(1, values.size())) {
      sum = tf.math.add(sum, v);
    }
    return tf.math.div(sum, tf.constant((float) values.size()));
  }
}
