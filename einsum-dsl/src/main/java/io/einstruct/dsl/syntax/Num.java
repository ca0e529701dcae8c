package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * A number literal.
 *
 * @param text the literal as written
 * @param integer true for an integer literal, false for a real one ({@code 2.0}, {@code 1e3})
 * @param span where it is written
 */
public record Num(String text, boolean integer, Span span) implements Expr {}
