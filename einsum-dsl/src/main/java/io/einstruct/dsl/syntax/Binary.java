package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * A binary operation: one of {@code + - * / ^}.
 *
 * @param op the operator character
 * @param left left operand
 * @param right right operand
 * @param span the whole operation (the operator alone when it spans lines)
 * @param opSpan the operator, where errors of the operation point
 */
public record Binary(char op, Expr left, Expr right, Span span, Span opSpan) implements Expr {}
