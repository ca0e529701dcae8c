package io.einstruct.train.compile;

import io.einstruct.dsl.plan.PlanStep;
import io.einstruct.dsl.plan.Planner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One plan step as TensorFlow ops. The batch index is the only dimension unknown when the graph is
 * built; it is always written as -1 in reshapes.
 */
final class StepLowering {
  private StepLowering() {}

  /** {@code step} applied to {@code left} and {@code right} with the chosen lowering. */
  static Operand<TFloat32> lower(
      Ops tf,
      Lowering lowering,
      PlanStep step,
      Operand<TFloat32> left,
      Operand<TFloat32> right,
      Map<String, Long> sizes) {
    return switch (lowering) {
      case EINSUM -> tf.linalg.einsum(List.of(left, right), step.einsum());
      case BATCH_MATMUL -> batchMatMul(tf, step, left, right, sizes);
    };
  }

  /**
   * Sums indices only one operand has, then groups the rest into batch (both operands and the
   * result), free (one operand and the result) and contracted (both operands, not the result), and
   * computes [B, M, K] × [B, K, N] with one BatchMatMul.
   */
  private static Operand<TFloat32> batchMatMul(
      Ops tf,
      PlanStep step,
      Operand<TFloat32> left,
      Operand<TFloat32> right,
      Map<String, Long> sizes) {
    List<String> a = new ArrayList<>(step.left().indices());
    List<String> b = new ArrayList<>(step.right().indices());
    List<String> out = step.result().indices();
    left = sumAlone(tf, left, a, b, out);
    right = sumAlone(tf, right, b, a, out);
    List<String> batch = new ArrayList<>();
    List<String> freeA = new ArrayList<>();
    List<String> freeB = new ArrayList<>();
    List<String> contracted = new ArrayList<>();
    for (String i : a) {
      (b.contains(i) ? (out.contains(i) ? batch : contracted) : freeA).add(i);
    }
    for (String i : b) {
      if (!a.contains(i)) {
        freeB.add(i);
      }
    }
    Operand<TFloat32> l = arrange(tf, left, a, batch, freeA, contracted, sizes);
    Operand<TFloat32> r = arrange(tf, right, b, batch, contracted, freeB, sizes);
    Operand<TFloat32> product = tf.train.batchMatMul(l, r, TFloat32.class);
    List<String> order = new ArrayList<>(batch);
    order.addAll(freeA);
    order.addAll(freeB);
    Operand<TFloat32> unfolded = tf.reshape(product, tf.constant(shape(order, sizes)));
    return permute(tf, unfolded, order, out);
  }

  /** Reduces the indices of {@code t} that neither the other operand nor the result has. */
  private static Operand<TFloat32> sumAlone(
      Ops tf, Operand<TFloat32> t, List<String> own, List<String> other, List<String> out) {
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      if (!other.contains(own.get(i)) && !out.contains(own.get(i))) {
        axes.add(i);
      }
    }
    if (axes.isEmpty()) {
      return t;
    }
    for (int i = axes.size() - 1; i >= 0; i--) {
      own.remove((int) axes.get(i));
    }
    return tf.reduceSum(t, tf.constant(axes.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Transposes {@code t} to groups (g1, g2, g3) and reshapes it to their three products. */
  private static Operand<TFloat32> arrange(
      Ops tf,
      Operand<TFloat32> t,
      List<String> indices,
      List<String> g1,
      List<String> g2,
      List<String> g3,
      Map<String, Long> sizes) {
    List<String> order = new ArrayList<>(g1);
    order.addAll(g2);
    order.addAll(g3);
    Operand<TFloat32> moved = permute(tf, t, indices, order);
    return tf.reshape(
        moved,
        tf.constant(new long[] {product(g1, sizes), product(g2, sizes), product(g3, sizes)}));
  }

  private static Operand<TFloat32> permute(
      Ops tf, Operand<TFloat32> t, List<String> from, List<String> to) {
    if (from.equals(to)) {
      return t;
    }
    int[] perm = new int[to.size()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = from.indexOf(to.get(i));
    }
    return tf.linalg.transpose(t, tf.constant(perm));
  }

  /** The product of the sizes, -1 when the batch index is among them. */
  private static long product(List<String> indices, Map<String, Long> sizes) {
    long n = 1;
    for (String i : indices) {
      if (i.equals(Planner.BATCH)) {
        return -1;
      }
      n *= sizes.get(i);
    }
    return n;
  }

  private static long[] shape(List<String> indices, Map<String, Long> sizes) {
    long[] shape = new long[indices.size()];
    for (int i = 0; i < shape.length; i++) {
      String index = indices.get(i);
      shape[i] = index.equals(Planner.BATCH) ? -1 : sizes.get(index);
    }
    return shape;
  }

  /** Indices that appear in the step's operands but not its result. */
  static Set<String> summed(PlanStep step) {
    Set<String> s = new HashSet<>(step.left().indices());
    s.addAll(step.right().indices());
    s.removeAll(step.result().indices());
    return s;
  }
}
