package io.einstruct.train.compile;

import io.einstruct.dsl.model.Route;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The router of a routed index (einsum-search §4): a dense d_in → E map, zero-initialised so that
 * the first choice is uniform; the top k of its logits per input; a softmax over the chosen k only.
 * TensorFlow has no gradient for TopK, so the choice is taken on the logits with the gradient
 * stopped and turned into a mask, and the softmax runs on the masked logits, which does
 * differentiate. The load-balancing loss is E · Σ_e p̂_e f̂_e (p̂ the mean router probabilities, f̂
 * the fraction of choices per expert) plus 0.1 · mean(logsumexp(logits)²).
 */
final class Router {
  private static final float MASKED = 1e9f;

  private Router() {}

  /**
   * Builds a router and registers its gate with {@code net}.
   *
   * @param name the routed layer's name; the router's matrix is {@code name.router}
   * @param x the input, [N, dIn]
   * @param lrScale the router's learning-rate scale (the layer's dense μP multiplier)
   */
  static Gate build(
      Net net, String name, Operand<TFloat32> x, int dIn, Route route, double lrScale) {
    Ops tf = net.tf();
    int experts = route.experts();
    Parameter w =
        net.parameters()
            .create(
                tf, name + ".router", new long[] {dIn, experts}, Init.ZERO, lrScale, true, true);
    Operand<TFloat32> logits = tf.linalg.matMul(x, w.value());
    TopK<TFloat32, TInt32> top =
        tf.nn.topK(tf.stopGradient(logits), tf.constant(route.top()), TInt32.class);
    Operand<TFloat32> mask =
        tf.reduceSum(
            tf.oneHot(top.indices(), tf.constant(experts), tf.constant(1f), tf.constant(0f)),
            tf.constant(1));
    Operand<TFloat32> masked =
        tf.math.add(logits, tf.math.mul(tf.math.sub(mask, tf.constant(1f)), tf.constant(MASKED)));
    Operand<TFloat32> weights = tf.nn.softmax(masked);
    Operand<TFloat32> probabilities = tf.nn.softmax(logits);
    Operand<TFloat32> meanProbability = tf.math.mean(probabilities, tf.constant(0));
    Operand<TFloat32> share =
        tf.math.div(tf.math.mean(mask, tf.constant(0)), tf.constant((float) route.top()));
    Operand<TFloat32> balance =
        tf.math.mul(
            tf.constant((float) experts),
            tf.reduceSum(tf.math.mul(meanProbability, share), tf.constant(0)));
    Operand<TFloat32> max =
        tf.stopGradient(
            tf.reduceMax(logits, tf.constant(1), org.tensorflow.op.core.ReduceMax.keepDims(true)));
    Operand<TFloat32> logSumExp =
        tf.math.add(
            tf.reshape(max, tf.constant(new int[] {-1})),
            tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(logits, max)), tf.constant(1))));
    Operand<TFloat32> zLoss = tf.math.mean(tf.math.square(logSumExp), tf.constant(0));
    Operand<TFloat32> aux = tf.math.add(balance, tf.math.mul(tf.constant(0.1f), zLoss));
    Gate gate = new Gate(name, probabilities, weights, aux);
    net.addGate(gate);
    return gate;
  }
}
