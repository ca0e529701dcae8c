package io.einstruct.dsl.syntax;

/**
 * An identifier as written, with its position.
 *
 * @param text the identifier
 * @param span where it is written
 */
public record Name(String text, Span span) {}
