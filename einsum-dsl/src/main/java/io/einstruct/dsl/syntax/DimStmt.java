package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * {@code dim NAME = EXPR}: declares one index and its size.
 *
 * @param name the index
 * @param size its size
 * @param span the whole statement
 */
public record DimStmt(Name name, Expr size, Span span) implements Stmt {}
