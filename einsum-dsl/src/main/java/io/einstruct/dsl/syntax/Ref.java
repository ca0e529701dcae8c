package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * A reference to a parameter, a {@code let} value or the size of an index.
 *
 * @param name the name referred to
 */
public record Ref(Name name) implements Expr {
  @Override
  public Span span() {
    return name.span();
  }
}
