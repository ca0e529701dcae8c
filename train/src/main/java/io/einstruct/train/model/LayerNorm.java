package io.einstruct.train.model;

import io.einstruct.train.compile.Init;
import io.einstruct.train.compile.Net;
import io.einstruct.train.compile.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Layer normalisation over the last axis, with a learnable gain and bias at the base rate. */
public final class LayerNorm {
  private static final float EPSILON = 1e-5f;

  private LayerNorm() {}

  /** {@code (h − mean) / sqrt(var + ε) · gain + bias} over the last axis of width {@code width}. */
  public static Operand<TFloat32> apply(Net net, String name, Operand<TFloat32> h, int width) {
    Ops tf = net.tf();
    Parameter gain =
        net.parameters().create(tf, name + ".gain", new long[] {width}, Init.ONE, 1.0, false, true);
    Parameter bias =
        net.parameters()
            .create(tf, name + ".bias", new long[] {width}, Init.ZERO, 1.0, false, true);
    return normalize(tf, h, gain.value(), bias.value());
  }

  /**
   * The same normalisation of [width, N] activations laid out in columns: over the first axis, with
   * the same parameters (so a model's state is the same in either layout).
   */
  public static Operand<TFloat32> applyColumns(
      Net net, String name, Operand<TFloat32> h, int width) {
    Ops tf = net.tf();
    Parameter gain =
        net.parameters().create(tf, name + ".gain", new long[] {width}, Init.ONE, 1.0, false, true);
    Parameter bias =
        net.parameters()
            .create(tf, name + ".bias", new long[] {width}, Init.ZERO, 1.0, false, true);
    Operand<TInt32> column = tf.constant(new int[] {width, 1});
    Operand<TInt32> first = tf.constant(0);
    Operand<TFloat32> mean = tf.math.mean(h, first, Mean.keepDims(true));
    Operand<TFloat32> centered = tf.math.sub(h, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), first, Mean.keepDims(true));
    Operand<TFloat32> normed =
        tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(EPSILON))));
    return tf.math.add(
        tf.math.mul(normed, tf.reshape(gain.value(), column)), tf.reshape(bias.value(), column));
  }

  /** The normalisation with given gain and bias, over the last axis. */
  public static Operand<TFloat32> normalize(
      Ops tf, Operand<TFloat32> h, Operand<TFloat32> gain, Operand<TFloat32> bias) {
    Operand<TInt32> last = tf.constant(-1);
    Operand<TFloat32> mean = tf.math.mean(h, last, Mean.keepDims(true));
    Operand<TFloat32> centered = tf.math.sub(h, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), last, Mean.keepDims(true));
    Operand<TFloat32> normed =
        tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(EPSILON))));
    return tf.math.add(tf.math.mul(normed, gain), bias);
  }
}
