package io.einstruct.dsl;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in user input: where it is, what is wrong, and what would have been accepted.
 *
 * @param span where the problem is
 * @param message what is wrong and what would have been accepted, in one sentence without a
 *     trailing period
 * @param expected what would have been accepted there (tokens, names), as data for tools; the
 *     message already says it in words; may be empty
 */
public record Diagnostic(Span span, String message, List<String> expected) {
  public Diagnostic {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    expected = List.copyOf(expected);
  }

  /** A diagnostic with nothing to suggest. */
  public static Diagnostic of(Span span, String message) {
    return new Diagnostic(span, message, List.of());
  }

  /** The longest piece of a source line an error shows. */
  static final int MAX_SHOWN = 120;

  /** The first line of the rendering: {@code file:line:column: message}. */
  public String headline() {
    return span.file() + ":" + span.line() + ":" + span.column() + ": " + message;
  }

  /**
   * The headline, then the offending source line, then a caret under the span, in the shape of
   * lark's {@code get_context}.
   */
  public String render(Source source) {
    String line = source.line(span.line());
    StringBuilder out = new StringBuilder(headline());
    if (line == null) {
      return out.toString();
    }
    // control characters (a binary file, escape codes) become one visible character each, so the
    // caret stays in place and the terminal is left alone
    String shown = line.replace('\t', ' ').replaceAll("\\p{Cntrl}", "\u00b7");
    int column = Math.max(1, Math.min(span.column(), shown.length() + 1));
    // a long line (a minified file, a hostile one) is shown as a window around the caret
    int from = 0;
    String prefix = "";
    if (shown.length() > MAX_SHOWN) {
      from = Math.max(0, Math.min(column - 1 - MAX_SHOWN / 2, shown.length() - MAX_SHOWN));
      int to = Math.min(shown.length(), from + MAX_SHOWN);
      prefix = from > 0 ? "…" : "";
      shown = prefix + shown.substring(from, to) + (to < shown.length() ? "…" : "");
      column = column - from + prefix.length();
    }
    out.append('\n').append("  ").append(shown).append('\n').append("  ");
    out.append(" ".repeat(column - 1)).append('^');
    int tail = Math.min(span.length(), shown.length() - column + 1) - 1;
    if (tail > 0) {
      out.append("~".repeat(tail));
    }
    return out.toString();
  }
}
