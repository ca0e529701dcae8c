package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * An identifier as written, with its position.
 *
 * @param text the identifier
 * @param span where it is written
 */
public record Name(String text, Span span) {}
