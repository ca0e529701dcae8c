package io.einstruct.dsl.syntax;

/**
 * A {@code #} comment, kept so that the comment block just above a {@code structure} becomes its
 * documentation.
 *
 * @param text the comment without the leading {@code #} and surrounding blanks
 * @param line the 1-based line it is on
 * @param wholeLine true if nothing but blanks precede it on its line
 */
public record Comment(String text, int line, boolean wholeLine) {}
