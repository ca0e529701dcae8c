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

  /** The largest source file read: a structure or a study is kilobytes, not megabytes. */
  public static final long MAX_BYTES = 4L << 20;

  /**
   * Reads a regular file of at most {@link #MAX_BYTES} as UTF-8; the name in diagnostics is the
   * path as given. A device ({@code /dev/zero}), a directory or a larger file is an {@link
   * IOException} saying so, read no further.
   */
  public static Source read(Path path) throws IOException {
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new IOException("not a regular file");
    }
    if (Files.exists(path) && Files.size(path) > MAX_BYTES) {
      throw new IOException(
          "larger than " + (MAX_BYTES >> 20) + " MiB (" + Files.size(path) + " bytes)");
    }
    String text = Files.readString(path, StandardCharsets.UTF_8);
    // editors on some systems begin UTF-8 files with a byte-order mark; it is not text
    return new Source(path.toString(), text.startsWith("\uFEFF") ? text.substring(1) : text);
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
