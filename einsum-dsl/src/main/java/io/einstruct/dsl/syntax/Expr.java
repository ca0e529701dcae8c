package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/** An arithmetic expression: a size, a parameter default, a {@code let} value. */
public sealed interface Expr permits Num, Ref, Neg, Binary, Call {
  /** Where the whole expression is written. */
  Span span();
}
