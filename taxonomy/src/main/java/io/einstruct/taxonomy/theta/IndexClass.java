package io.einstruct.taxonomy.theta;

import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Structure;
import java.util.ArrayList;
import java.util.List;

/**
 * The class of an index: the set of tensors it appears in, in the order x, the factors in chain
 * order, y.
 *
 * @param index the index's name
 * @param size its size
 * @param tensors the tensors it appears in
 */
public record IndexClass(String index, int size, List<String> tensors) {
  public IndexClass {
    tensors = List.copyOf(tensors);
  }

  /** The class of every index of {@code s}, in declaration order. */
  public static List<IndexClass> of(Structure s) {
    List<IndexClass> classes = new ArrayList<>();
    for (Index index : s.indices()) {
      List<String> tensors = new ArrayList<>();
      if (s.x().contains(index)) {
        tensors.add("x");
      }
      for (Factor f : s.chain()) {
        if (f.indices().contains(index)) {
          tensors.add(f.name());
        }
      }
      if (s.y().contains(index)) {
        tensors.add("y");
      }
      classes.add(new IndexClass(index.name(), index.size(), tensors));
    }
    return classes;
  }

  /** The class written as a tuple, e.g. {@code (x, R, L)}. */
  public String shown() {
    return "(" + String.join(", ", tensors) + ")";
  }
}
