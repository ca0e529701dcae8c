package io.einstruct.dsl.eval;

import com.google.common.base.Preconditions;
import java.util.Arrays;
import java.util.List;

/**
 * A dense row-major tensor of doubles whose axes are named by indices.
 *
 * @param indices axis names, slowest first
 * @param shape axis sizes
 * @param data entries in row-major order
 */
public record DoubleTensor(List<String> indices, int[] shape, double[] data) {
  public DoubleTensor {
    indices = List.copyOf(indices);
    shape = shape.clone();
    Preconditions.checkArgument(
        indices.size() == shape.length, "%s indices for %s axes", indices.size(), shape.length);
    Preconditions.checkArgument(
        numel(shape) == data.length,
        "shape %s needs %s entries, got %s",
        Arrays.toString(shape),
        numel(shape),
        data.length);
  }

  /** A tensor of zeros. */
  public static DoubleTensor zeros(List<String> indices, int[] shape) {
    return new DoubleTensor(indices, shape, new double[Math.toIntExact(numel(shape))]);
  }

  /** Number of entries of a shape. */
  public static long numel(int[] shape) {
    long n = 1;
    for (int s : shape) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  /** The size of axis {@code index}. */
  public int size(String index) {
    int axis = indices.indexOf(index);
    Preconditions.checkArgument(axis >= 0, "no index %s in %s", index, indices);
    return shape[axis];
  }

  /** Row-major strides. */
  public long[] strides() {
    long[] strides = new long[shape.length];
    long s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
    return strides;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DoubleTensor t
        && indices.equals(t.indices)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * indices.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "DoubleTensor" + indices + Arrays.toString(shape);
  }
}
