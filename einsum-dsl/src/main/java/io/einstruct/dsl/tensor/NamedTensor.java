package io.einstruct.dsl.tensor;

import java.util.Arrays;

/**
 * A named array of 32-bit floats in row-major (C) order.
 *
 * @param name its name (a factor's, such as {@code blocks.0.fc1.A})
 * @param shape its dimensions, outermost first
 * @param data its values; as many as the shape's product
 */
public record NamedTensor(String name, long[] shape, float[] data) {
  public NamedTensor {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a tensor needs a name");
    }
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            name + ": negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " holds "
              + n
              + " values, got "
              + data.length);
    }
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }
}
