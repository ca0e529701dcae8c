package io.einstruct.dsl.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two-operand einsum in double precision by direct summation over every index touched: {@code
 * result[r] = Σ a[..] · b[..]} over all indices of a and b not in r.
 */
public final class Contraction {
  private Contraction() {}

  /** Contracts {@code a} and {@code b} into a tensor with {@code result} indices. */
  public static DoubleTensor contract(DoubleTensor a, DoubleTensor b, List<String> result) {
    Set<String> union = new LinkedHashSet<>(result);
    union.addAll(a.indices());
    union.addAll(b.indices());
    List<String> axes = new ArrayList<>(union);
    int n = axes.size();
    int[] sizes = new int[n];
    long[] sa = new long[n];
    long[] sb = new long[n];
    long[] sr = new long[n];
    Map<String, Integer> size = new HashMap<>();
    for (int i = 0; i < a.indices().size(); i++) {
      size.put(a.indices().get(i), a.shape()[i]);
    }
    for (int i = 0; i < b.indices().size(); i++) {
      Integer before = size.put(b.indices().get(i), b.shape()[i]);
      if (before != null && before != b.shape()[i]) {
        throw new IllegalArgumentException(
            "index " + b.indices().get(i) + " has sizes " + before + " and " + b.shape()[i]);
      }
    }
    int[] resultShape = new int[result.size()];
    for (int i = 0; i < result.size(); i++) {
      Integer s = size.get(result.get(i));
      if (s == null) {
        throw new IllegalArgumentException("result index " + result.get(i) + " is in no operand");
      }
      resultShape[i] = s;
    }
    DoubleTensor out = DoubleTensor.zeros(result, resultShape);
    long[] strideA = a.strides();
    long[] strideB = b.strides();
    long[] strideR = out.strides();
    for (int i = 0; i < n; i++) {
      String axis = axes.get(i);
      sizes[i] = size.get(axis);
      int ia = a.indices().indexOf(axis);
      int ib = b.indices().indexOf(axis);
      int ir = result.indexOf(axis);
      sa[i] = ia < 0 ? 0 : strideA[ia];
      sb[i] = ib < 0 ? 0 : strideB[ib];
      sr[i] = ir < 0 ? 0 : strideR[ir];
    }
    loop(a.data(), b.data(), out.data(), sizes, sa, sb, sr);
    return out;
  }

  private static void loop(
      double[] a, double[] b, double[] r, int[] sizes, long[] sa, long[] sb, long[] sr) {
    int n = sizes.length;
    if (n == 0) {
      r[0] += a[0] * b[0];
      return;
    }
    for (int s : sizes) {
      if (s == 0) {
        return;
      }
    }
    int[] counter = new int[n];
    int pa = 0;
    int pb = 0;
    int pr = 0;
    int last = n - 1;
    while (true) {
      // innermost axis in a tight loop
      int len = sizes[last];
      int da = (int) sa[last];
      int db = (int) sb[last];
      int dr = (int) sr[last];
      for (int i = 0, xa = pa, xb = pb, xr = pr; i < len; i++, xa += da, xb += db, xr += dr) {
        r[xr] += a[xa] * b[xb];
      }
      int axis = last - 1;
      while (axis >= 0) {
        counter[axis]++;
        pa += sa[axis];
        pb += sb[axis];
        pr += sr[axis];
        if (counter[axis] < sizes[axis]) {
          break;
        }
        pa -= sa[axis] * sizes[axis];
        pb -= sb[axis] * sizes[axis];
        pr -= sr[axis] * sizes[axis];
        counter[axis] = 0;
        axis--;
      }
      if (axis < 0) {
        return;
      }
    }
  }
}
