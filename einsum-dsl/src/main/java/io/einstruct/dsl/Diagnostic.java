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
    String shown = line.replace('\t', ' ');
    out.append('\n').append("  ").append(shown).append('\n').append("  ");
    int column = Math.max(1, Math.min(span.column(), shown.length() + 1));
    out.append(" ".repeat(column - 1)).append('^');
    int tail = Math.min(span.length(), shown.length() - column + 1) - 1;
    if (tail > 0) {
      out.append("~".repeat(tail));
    }
    return out.toString();
  }
}
