package io.einstruct.train.compile;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Weight normalisation of a factor M (compute-better-spent §3, notes §3): γ · M / max(1, rms(M) /
 * σ), with σ the factor's μP scale and γ a learnable scalar starting at 1 (or none). The factor's
 * RMS can never exceed its initial scale, which stops the unbounded growth that makes wide
 * transformers with BTT layers diverge; the stored M is not changed.
 */
final class WeightNorm {
  private static final float EPSILON = 1e-8f;

  private WeightNorm() {}

  /** The normalised factor; with {@code gain}, times a learnable scalar starting at 1. */
  static Operand<TFloat32> apply(Net net, Parameter factor, double sigma, boolean gain) {
    Ops tf = net.tf();
    Operand<TFloat32> m = factor.value();
    int[] axes = new int[factor.shape().length];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    Operand<TFloat32> meanSquare = tf.math.mean(tf.math.square(m), tf.constant(axes));
    Operand<TFloat32> rms = tf.math.sqrt(tf.math.add(meanSquare, tf.constant(EPSILON)));
    Operand<TFloat32> excess =
        tf.math.maximum(tf.constant(1f), tf.math.div(rms, tf.constant((float) sigma)));
    Operand<TFloat32> capped = tf.math.div(m, excess);
    if (!gain) {
      return capped;
    }
    Parameter g =
        net.parameters()
            .create(tf, factor.name() + ".gain", new long[0], Init.ONE, 1.0, false, true);
    return tf.math.mul(g.value(), capped);
  }
}
