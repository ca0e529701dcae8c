package io.einstruct.dsl.project;

import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Structure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of a dense d_out × d_in matrix a structure can reach, as a tensor over the structure's
 * output and input indices (an index of both, as a block-diagonal's block, appears once: entries
 * off that diagonal are out of reach and only add to the error). Rows and columns the structure
 * pads are zero and left out of the error, since padded inputs are zero and padded outputs are
 * dropped.
 *
 * @param tensor the reachable entries, indices y's then x's own
 * @param real for each entry of the tensor, whether it is an entry of the matrix (not padding)
 * @param unreachable the squared norm of the matrix's entries the structure cannot produce
 * @param norm the matrix's Frobenius norm
 */
record Target(DoubleTensor tensor, boolean[] real, double unreachable, double norm) {

  static Target of(Structure s, double[][] w) {
    List<String> names = indices(s);
    List<Index> axes = new ArrayList<>();
    names.forEach(n -> axes.add(s.index(n)));
    int[] shape = axes.stream().mapToInt(Index::size).toArray();
    Axes all = Axes.of(s, names);
    int[] rows = all.offsets(s.yNames(), strides(s.y()));
    int[] cols = all.offsets(s.xNames(), strides(s.x()));
    double[] data = new double[all.count()];
    boolean[] real = new boolean[all.count()];
    double reached = 0;
    for (int u = 0; u < data.length; u++) {
      if (rows[u] < s.dOut() && cols[u] < s.dIn()) {
        double v = w[rows[u]][cols[u]];
        data[u] = v;
        real[u] = true;
        reached += v * v;
      }
    }
    double total = 0;
    for (double[] row : w) {
      for (double v : row) {
        total += v * v;
      }
    }
    return new Target(
        new DoubleTensor(names, shape, data), real, Math.max(0, total - reached), Math.sqrt(total));
  }

  /** The indices of the target: y's, then x's that are not y's. */
  static List<String> indices(Structure s) {
    Set<String> names = new LinkedHashSet<>(s.yNames());
    names.addAll(s.xNames());
    return List.copyOf(names);
  }

  /** ‖W − Ŵ‖ / ‖W‖ for {@code approx}, Ŵ over the target's indices in the same order. */
  double relativeError(DoubleTensor approx) {
    double[] t = tensor.data();
    double[] a = approx.data();
    double sum = unreachable;
    for (int u = 0; u < t.length; u++) {
      if (real[u]) {
        double d = t[u] - a[u];
        sum += d * d;
      }
    }
    return norm == 0 ? Math.sqrt(sum) : Math.sqrt(sum) / norm;
  }

  private static long[] strides(List<Index> axes) {
    long[] strides = new long[axes.size()];
    long n = 1;
    for (int i = axes.size() - 1; i >= 0; i--) {
      strides[i] = n;
      n *= axes.get(i).size();
    }
    return strides;
  }
}
