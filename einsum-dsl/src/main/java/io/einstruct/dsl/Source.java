package io.einstruct.dsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Text of one {@code .ein} file (or of a command-line argument) with the name errors show for it.
 *
 * @param name the file name used in diagnostics, e.g. {@code btt.ein}
 * @param text the whole text
 */
public record Source(String name, String text) {
  public Source {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }

  /** Reads a file as UTF-8; the name in diagnostics is the path as given. */
  public static Source read(Path path) throws IOException {
    return new Source(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
  }

  /** The 1-based line {@code number} without its line terminator, or null if there is none. */
  public String line(int number) {
    if (number < 1) {
      return null;
    }
    int start = 0;
    for (int i = 1; i < number; i++) {
      int next = text.indexOf('\n', start);
      if (next < 0) {
        return null;
      }
      start = next + 1;
    }
    int end = text.indexOf('\n', start);
    String line = end < 0 ? text.substring(start) : text.substring(start, end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** A span of {@code length} characters at 1-based {@code line} and {@code column}. */
  public Span span(int line, int column, int length) {
    return new Span(name, line, column, length);
  }
}
