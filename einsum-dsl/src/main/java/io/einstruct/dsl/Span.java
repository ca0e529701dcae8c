package io.einstruct.dsl;

import java.util.Objects;

/**
 * Where a piece of syntax sits: file name, 1-based line and column, and length in characters.
 *
 * @param file the source name, as shown in diagnostics
 * @param line 1-based line
 * @param column 1-based column
 * @param length number of characters covered (at least 1 for carets)
 */
public record Span(String file, int line, int column, int length) {
  public Span {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1 || length < 0) {
      throw new IllegalArgumentException(
          "bad span " + file + ":" + line + ":" + column + " length " + length);
    }
  }

  /**
   * The span from the start of this one to the end of {@code other}; spans on different lines keep
   * only this one, since a caret marks one line.
   */
  public Span to(Span other) {
    if (other.line != line || other.column < column) {
      return this;
    }
    return new Span(file, line, column, Math.max(length, other.column + other.length - column));
  }

  /** {@code line:column}, for messages that point back at an earlier declaration. */
  public String position() {
    return line + ":" + column;
  }
}
