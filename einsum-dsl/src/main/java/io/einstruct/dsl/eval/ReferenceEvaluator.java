package io.einstruct.dsl.eval;

import com.google.common.base.Preconditions;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Route;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.plan.ContractionPlan;
import io.einstruct.dsl.plan.Operand;
import io.einstruct.dsl.plan.PlanStep;
import io.einstruct.dsl.plan.Planner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a structure to inputs in double precision, step by step along a {@link ContractionPlan},
 * and materialises its dense matrix.
 *
 * <p>Inputs of length d_in are zero-padded or truncated at the end to x's size, and outputs
 * truncated or zero-padded at the end to d_out, as the reference implementation's padding does. A
 * routed index is gated after the factor that produces it: each input's gate row (from {@link
 * Gates}) multiplies the intermediate along that index.
 */
public final class ReferenceEvaluator {
  private ReferenceEvaluator() {}

  /** {@code W x} for each row of {@code x} along the chain order, every expert with gate 1. */
  public static double[][] apply(Structure s, Map<String, DoubleTensor> factors, double[][] x) {
    return apply(s, factors, x, Planner.chain(s, Math.max(1, x.length)), Map.of());
  }

  /**
   * {@code W x} for each row of {@code x} along {@code plan}.
   *
   * @param s the structure
   * @param factors a value for every factor, indices as in the structure
   * @param x inputs, one row of d_in per vector
   * @param plan the order to contract in; its batch must equal the number of rows
   * @param gates for each routed index, one row of gates per input (missing: all gates 1)
   * @return outputs, one row of d_out per vector
   */
  public static double[][] apply(
      Structure s,
      Map<String, DoubleTensor> factors,
      double[][] x,
      ContractionPlan plan,
      Map<String, double[][]> gates) {
    Preconditions.checkArgument(
        plan.batch() == x.length, "plan for batch %s applied to %s inputs", plan.batch(), x.length);
    Map<String, DoubleTensor> values = new HashMap<>();
    for (Factor f : s.chain()) {
      DoubleTensor t = factors.get(f.name());
      Preconditions.checkArgument(t != null, "no value for factor %s", f.name());
      Preconditions.checkArgument(
          t.indices().equals(f.indexNames()) && java.util.Arrays.equals(t.shape(), f.shape()),
          "factor %s must have indices %s and shape %s",
          f.name(),
          f.indexNames(),
          f.shape());
      values.put(f.name(), t);
    }
    values.put("x", input(s, x));
    DoubleTensor last = null;
    for (PlanStep step : plan.steps()) {
      DoubleTensor left = values.get(step.left().name());
      DoubleTensor right = values.get(step.right().name());
      last = Contraction.contract(left, right, step.result().indices());
      last = gate(s, step, last, gates);
      values.put(step.result().name(), last);
    }
    for (String e : s.slicedRoutes()) {
      if (last.indices().contains(e)) {
        last = sumOver(last, e);
      }
    }
    return output(s, last, x.length);
  }

  /** {@code t} summed over {@code index}, the other indices in their order. */
  private static DoubleTensor sumOver(DoubleTensor t, String index) {
    int axis = t.indices().indexOf(index);
    List<String> indices = new java.util.ArrayList<>(t.indices());
    indices.remove(axis);
    int[] shape = new int[t.shape().length - 1];
    for (int i = 0, j = 0; i < t.shape().length; i++) {
      if (i != axis) {
        shape[j++] = t.shape()[i];
      }
    }
    long[] strides = t.strides();
    long inner = strides[axis];
    int size = t.shape()[axis];
    double[] data = new double[(int) DoubleTensor.numel(shape)];
    for (int flat = 0; flat < t.data().length; flat++) {
      long outer = flat / (inner * size);
      long rest = flat % inner;
      data[(int) (outer * inner + rest)] += t.data()[flat];
    }
    return new DoubleTensor(indices, shape, data);
  }

  /** The dense d_out × d_in matrix of the structure, every expert with gate 1. */
  public static double[][] materialize(Structure s, Map<String, DoubleTensor> factors) {
    double[][] identity = new double[s.dIn()][s.dIn()];
    for (int i = 0; i < s.dIn(); i++) {
      identity[i][i] = 1;
    }
    double[][] columns = apply(s, factors, identity);
    double[][] w = new double[s.dOut()][s.dIn()];
    for (int i = 0; i < s.dIn(); i++) {
      for (int o = 0; o < s.dOut(); o++) {
        w[o][i] = columns[i][o];
      }
    }
    return w;
  }

  /**
   * Gates a step's result when the step is where a routed index's producing factor was applied: the
   * routed index is in the result and in exactly one of the operands that is a factor.
   */
  private static DoubleTensor gate(
      Structure s, PlanStep step, DoubleTensor t, Map<String, double[][]> gates) {
    for (Route route : s.routes()) {
      double[][] g = gates.get(route.index());
      if (g == null
          || !step.result().indices().contains(route.index())
          || containsRouted(step.left(), route) == containsRouted(step.right(), route)) {
        continue;
      }
      int axisN = t.indices().indexOf(Planner.BATCH);
      int axisE = t.indices().indexOf(route.index());
      long[] strides = t.strides();
      double[] data = t.data().clone();
      for (int flat = 0; flat < data.length; flat++) {
        int n = (int) (flat / strides[axisN] % t.shape()[axisN]);
        int e = (int) (flat / strides[axisE] % t.shape()[axisE]);
        data[flat] *= g[n][e];
      }
      t = new DoubleTensor(t.indices(), t.shape(), data);
    }
    return t;
  }

  private static boolean containsRouted(Operand operand, Route route) {
    return operand.indices().contains(route.index());
  }

  private static DoubleTensor input(Structure s, double[][] x) {
    int width = Math.toIntExact(s.xSize());
    int[] shape = new int[s.x().size() + 1];
    shape[0] = x.length;
    for (int i = 0; i < s.x().size(); i++) {
      shape[i + 1] = s.x().get(i).size();
    }
    double[] data = new double[x.length * width];
    for (int n = 0; n < x.length; n++) {
      Preconditions.checkArgument(
          x[n].length == s.dIn(), "input %s has length %s, not d_in %s", n, x[n].length, s.dIn());
      System.arraycopy(x[n], 0, data, n * width, Math.min(width, s.dIn()));
    }
    List<String> indices = new java.util.ArrayList<>();
    indices.add(Planner.BATCH);
    indices.addAll(s.xNames());
    return new DoubleTensor(indices, shape, data);
  }

  private static double[][] output(Structure s, DoubleTensor y, int batch) {
    int width = Math.toIntExact(s.ySize());
    double[][] out = new double[batch][s.dOut()];
    for (int n = 0; n < batch; n++) {
      System.arraycopy(y.data(), n * width, out[n], 0, Math.min(width, s.dOut()));
    }
    return out;
  }
}
