package io.einstruct.train.compile;

import io.einstruct.dsl.plan.PlanStep;
import io.einstruct.dsl.plan.Planner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * One plan step as TensorFlow ops. Both lowerings read their operands in the order they arrive and
 * leave the result in its natural order: the indices both operands keep (batch), then the left
 * operand's own, then the right's. The batch index is the only dimension unknown when the graph is
 * built; it is always written as -1 in reshapes.
 */
final class StepLowering {
  private StepLowering() {}

  /**
   * {@code step} applied to {@code left} and {@code right}.
   *
   * @param lowering {@link Lowering#EINSUM} or {@link Lowering#BATCH_MATMUL}
   */
  static Laid lower(
      Ops tf, Lowering lowering, PlanStep step, Laid left, Laid right, Map<String, Long> sizes) {
    Groups g = Groups.of(left.order(), right.order(), step.result().indices());
    return switch (lowering) {
      case EINSUM -> einsum(tf, g, left, right);
      case BATCH_MATMUL -> batchMatMul(tf, g, left, right, sizes);
      case AUTO -> throw new IllegalArgumentException("resolve AUTO per step first");
    };
  }

  /** The step's index groups, each in the order its operand holds it. */
  record Groups(
      List<String> batch,
      List<String> freeLeft,
      List<String> freeRight,
      List<String> contracted,
      List<String> aloneLeft,
      List<String> aloneRight) {
    static Groups of(List<String> a, List<String> b, List<String> out) {
      List<String> batch = new ArrayList<>();
      List<String> freeA = new ArrayList<>();
      List<String> freeB = new ArrayList<>();
      List<String> contracted = new ArrayList<>();
      List<String> aloneA = new ArrayList<>();
      List<String> aloneB = new ArrayList<>();
      for (String i : a) {
        if (b.contains(i)) {
          (out.contains(i) ? batch : contracted).add(i);
        } else {
          (out.contains(i) ? freeA : aloneA).add(i);
        }
      }
      for (String i : b) {
        if (!a.contains(i)) {
          (out.contains(i) ? freeB : aloneB).add(i);
        }
      }
      return new Groups(batch, freeA, freeB, contracted, aloneA, aloneB);
    }

    /** batch, then the left operand's free indices, then the right's. */
    List<String> natural() {
      List<String> order = new ArrayList<>(batch);
      order.addAll(freeLeft);
      order.addAll(freeRight);
      return order;
    }
  }

  private static Laid einsum(Ops tf, Groups g, Laid left, Laid right) {
    Map<String, Character> letters = new LinkedHashMap<>();
    String l = letters(left.order(), letters);
    String r = letters(right.order(), letters);
    List<String> out = g.natural();
    String equation = l + "," + r + "->" + letters(out, letters);
    return new Laid(tf.linalg.einsum(List.of(left.tensor(), right.tensor()), equation), out);
  }

  private static String letters(List<String> indices, Map<String, Character> letters) {
    StringBuilder s = new StringBuilder();
    for (String i : indices) {
      s.append(
          letters.computeIfAbsent(
              i,
              k ->
                  (char) (letters.size() < 26 ? 'a' + letters.size() : 'A' + letters.size() - 26)));
    }
    return s.toString();
  }

  /**
   * Sums indices only one operand has, then computes [B, M, K] × [B, K, N] with one BatchMatMul. An
   * operand already laid out as [B, K, M] (or [B, N, K]) is read through BatchMatMul's adjoint flag
   * instead of being transposed.
   */
  private static Laid batchMatMul(
      Ops tf, Groups g, Laid left, Laid right, Map<String, Long> sizes) {
    Laid a = sumAlone(tf, left, g.aloneLeft());
    Laid b = sumAlone(tf, right, g.aloneRight());
    // the contracted order of the larger operand wins: transposing a small factor is cheap
    boolean leftLarger = a.order().contains(Planner.BATCH);
    List<String> contracted = inOrder(g.contracted(), (leftLarger ? a : b).order());
    List<String> batch = inOrder(g.batch(), (leftLarger ? a : b).order());
    Side x = side(tf, a, batch, g.freeLeft(), contracted, sizes);
    Side y = side(tf, b, batch, contracted, g.freeRight(), sizes);
    Operand<TFloat32> product =
        tf.train.batchMatMul(
            x.tensor(),
            y.tensor(),
            TFloat32.class,
            BatchMatMul.adjX(x.adjoint()),
            BatchMatMul.adjY(y.adjoint()));
    List<String> order = new ArrayList<>(batch);
    order.addAll(g.freeLeft());
    order.addAll(g.freeRight());
    return new Laid(tf.reshape(product, tf.constant(shape(order, sizes))), order);
  }

  /** An operand of BatchMatMul as [B, rows, cols], or as [B, cols, rows] read adjoint. */
  private record Side(Operand<TFloat32> tensor, boolean adjoint) {}

  private static Side side(
      Ops tf,
      Laid t,
      List<String> batch,
      List<String> rows,
      List<String> cols,
      Map<String, Long> sizes) {
    List<String> straight = concat(batch, rows, cols);
    List<String> swapped = concat(batch, cols, rows);
    boolean adjoint = !t.order().equals(straight) && t.order().equals(swapped);
    List<String> order = adjoint ? swapped : straight;
    Operand<TFloat32> moved = permute(tf, t, order);
    List<String> first = adjoint ? cols : rows;
    List<String> second = adjoint ? rows : cols;
    return new Side(
        tf.reshape(
            moved,
            tf.constant(
                new long[] {product(batch, sizes), product(first, sizes), product(second, sizes)})),
        adjoint);
  }

  /** Reduces the axes of {@code t} listed in {@code alone}. */
  private static Laid sumAlone(Ops tf, Laid t, List<String> alone) {
    if (alone.isEmpty()) {
      return t;
    }
    int[] axes = alone.stream().mapToInt(i -> t.order().indexOf(i)).toArray();
    List<String> kept = new ArrayList<>(t.order());
    kept.removeAll(alone);
    return new Laid(tf.reduceSum(t.tensor(), tf.constant(axes)), kept);
  }

  /** {@code t} transposed to {@code order}; no op when it is laid out so already. */
  static Operand<TFloat32> permute(Ops tf, Laid t, List<String> order) {
    if (t.order().equals(order)) {
      return t.tensor();
    }
    int[] perm = new int[order.size()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = t.order().indexOf(order.get(i));
    }
    return tf.linalg.transpose(t.tensor(), tf.constant(perm));
  }

  private static List<String> inOrder(List<String> group, List<String> order) {
    return order.stream().filter(group::contains).toList();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
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

  static long[] shape(List<String> indices, Map<String, Long> sizes) {
    long[] shape = new long[indices.size()];
    for (int i = 0; i < shape.length; i++) {
      String index = indices.get(i);
      shape[i] = index.equals(Planner.BATCH) ? -1 : sizes.get(index);
    }
    return shape;
  }
}
