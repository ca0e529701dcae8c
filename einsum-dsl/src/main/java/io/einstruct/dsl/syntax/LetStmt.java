package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * {@code let NAME = EXPR}: names a value.
 *
 * @param name the value's name
 * @param value its expression
 * @param span the whole statement
 */
public record LetStmt(Name name, Expr value, Span span) implements Stmt {}
