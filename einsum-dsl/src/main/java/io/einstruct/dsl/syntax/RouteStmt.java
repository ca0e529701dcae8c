package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * {@code route INDEX top K}: makes an index a mixture-of-experts bond chosen per input.
 *
 * @param index the routed index
 * @param top how many of its slices each input uses
 * @param span the whole statement
 */
public record RouteStmt(Name index, Expr top, Span span) implements Stmt {}
