package io.einstruct.dsl.project;

import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.model.Structure;
import java.util.List;

/**
 * An ordered group of indices enumerated row-major, and where each of its multi-indices lands in a
 * tensor: the flat offsets of every combination, an index the tensor lacks adding 0 (broadcast).
 * Splitting a tensor's indices into groups (blocks, rows, columns) this way turns it into a stack
 * of matrices without copying.
 */
record Axes(List<String> names, int[] sizes, int count) {

  static Axes of(Structure s, List<String> names) {
    int[] sizes = new int[names.size()];
    long count = 1;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = s.size(names.get(i));
      count = Math.multiplyExact(count, sizes[i]);
    }
    return new Axes(List.copyOf(names), sizes, Math.toIntExact(count));
  }

  /** The offset in {@code t} of each multi-index of this group, in row-major order. */
  int[] offsets(DoubleTensor t) {
    return offsets(t.indices(), t.strides());
  }

  /**
   * The offset of each multi-index of this group in an array whose axes {@code axes} have {@code
   * strides}, in row-major order.
   */
  int[] offsets(List<String> axes, long[] strides) {
    long[] mine = new long[names.size()];
    for (int i = 0; i < mine.length; i++) {
      int axis = axes.indexOf(names.get(i));
      mine[i] = axis < 0 ? 0 : strides[axis];
    }
    int[] out = new int[count];
    int[] digit = new int[names.size()];
    long offset = 0;
    for (int n = 0; n < count; n++) {
      out[n] = Math.toIntExact(offset);
      for (int i = digit.length - 1; i >= 0; i--) {
        digit[i]++;
        offset += mine[i];
        if (digit[i] < sizes[i]) {
          break;
        }
        offset -= mine[i] * sizes[i];
        digit[i] = 0;
      }
    }
    return out;
  }
}
