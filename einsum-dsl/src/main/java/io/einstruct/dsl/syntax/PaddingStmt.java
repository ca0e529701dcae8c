package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * {@code allow padding}: lets the sizes of {@code x} and {@code y} differ from {@code d_in} and
 * {@code d_out} by up to 15%.
 *
 * @param span the statement
 */
public record PaddingStmt(Span span) implements Stmt {}
