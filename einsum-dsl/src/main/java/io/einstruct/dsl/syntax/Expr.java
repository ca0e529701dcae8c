package io.einstruct.dsl.syntax;

/** An arithmetic expression: a size, a parameter default, a {@code let} value. */
public sealed interface Expr permits Num, Ref, Neg, Binary, Call {
  /** Where the whole expression is written. */
  Span span();
}
