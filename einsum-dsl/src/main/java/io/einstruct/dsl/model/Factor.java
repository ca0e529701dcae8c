package io.einstruct.dsl.model;

import java.util.List;
import java.util.Objects;

/**
 * A learnable tensor of a structure: its name and its indices, whose sizes are its shape.
 *
 * @param name the name used in the equation
 * @param indices its indices in written order
 */
public record Factor(String name, List<Index> indices) {
  public Factor {
    Objects.requireNonNull(name, "name");
    indices = List.copyOf(indices);
    if (indices.isEmpty()) {
      throw new IllegalArgumentException("factor '" + name + "' has no indices");
    }
  }

  /** The sizes of its indices, in order. */
  public int[] shape() {
    return indices.stream().mapToInt(Index::size).toArray();
  }

  /** The names of its indices, in order. */
  public List<String> indexNames() {
    return indices.stream().map(Index::name).toList();
  }

  /** Number of parameters. */
  public long numel() {
    long n = 1;
    for (Index index : indices) {
      n = Math.multiplyExact(n, index.size());
    }
    return n;
  }

  /** True if it has an index called {@code index}. */
  public boolean has(String index) {
    return indices.stream().anyMatch(i -> i.name().equals(index));
  }
}
