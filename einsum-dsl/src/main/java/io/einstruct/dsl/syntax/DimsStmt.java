package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;
import java.util.List;

/**
 * {@code dims N1, N2, ... = split(EXPR[, k])}: declares several indices whose sizes multiply to the
 * split value.
 *
 * @param names the indices, smallest size first
 * @param value the right-hand side; the resolver checks that it is a {@code split} call
 * @param span the whole statement
 */
public record DimsStmt(List<Name> names, Expr value, Span span) implements Stmt {
  public DimsStmt {
    names = List.copyOf(names);
  }
}
