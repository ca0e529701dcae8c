package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/** One statement in the body of a {@code structure}. */
public sealed interface Stmt
    permits DimStmt, DimsStmt, LetStmt, RouteStmt, PaddingStmt, EquationStmt {
  /** Where the statement is written. */
  Span span();
}
