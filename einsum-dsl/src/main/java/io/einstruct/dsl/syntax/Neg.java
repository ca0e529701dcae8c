package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * Unary minus.
 *
 * @param operand the negated expression
 * @param span the minus sign through the end of the operand
 */
public record Neg(Expr operand, Span span) implements Expr {}
