package io.einstruct.train.model;

import io.einstruct.train.compile.Net;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The data loss of a model's output, and the routed layers' load-balancing loss. */
final class Losses {
  /** Weight of the mean load-balancing loss in the total loss (einsum-search §4). */
  static final float AUX_WEIGHT = 0.01f;

  private Losses() {}

  /** Mean softmax cross-entropy against class probabilities, or mean squared error. */
  static Operand<TFloat32> data(
      Ops tf, Loss loss, Operand<TFloat32> out, Operand<TFloat32> target) {
    return switch (loss) {
      case CROSS_ENTROPY ->
          tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(out, target).loss(), tf.constant(0));
      case MSE ->
          tf.math.mean(tf.math.squaredDifference(out, target), tf.constant(new int[] {0, 1}));
    };
  }

  /** The mean of the routed layers' load-balancing losses, 0 without routing. */
  static Operand<TFloat32> aux(Net net) {
    List<Operand<TFloat32>> losses = net.auxLosses();
    if (losses.isEmpty()) {
      return net.tf().constant(0f);
    }
    Operand<TFloat32> sum = losses.get(0);
    for (Operand<TFloat32> l : losses.subList(1, losses.size())) {
      sum = net.tf().math.add(sum, l);
    }
    return net.tf().math.div(sum, net.tf().constant((float) losses.size()));
  }
}
