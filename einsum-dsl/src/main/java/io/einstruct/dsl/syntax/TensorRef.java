package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;
import java.util.List;

/**
 * A tensor in the equation: {@code x}, {@code y} or a learnable factor, with its index list.
 *
 * @param name the tensor's name
 * @param indices its indices in order
 * @param span the name through the closing bracket
 */
public record TensorRef(Name name, List<Name> indices, Span span) {
  public TensorRef {
    indices = List.copyOf(indices);
  }
}
