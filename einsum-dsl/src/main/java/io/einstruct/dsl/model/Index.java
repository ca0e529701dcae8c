package io.einstruct.dsl.model;

import java.util.Objects;

/**
 * A named axis with a size.
 *
 * @param name the name used in the equation
 * @param size its size, at least 1
 */
public record Index(String name, int size) {
  public Index {
    Objects.requireNonNull(name, "name");
    if (size < 1) {
      throw new IllegalArgumentException("index '" + name + "' must be >= 1, got " + size);
    }
  }

  @Override
  public String toString() {
    return name + "=" + size;
  }
}
