package io.einstruct.dsl;

import io.einstruct.dsl.syntax.Source;
import io.einstruct.dsl.syntax.Span;
import java.util.List;

/**
 * The one error type for bad user input: a malformed source, a name that does not exist, a size
 * that is not a positive integer, a parameter that is missing or unknown. Its message is the
 * rendered {@link Diagnostic}: position, message, source line and caret.
 *
 * <p>Programmer errors (a broken invariant inside einstruct) are never {@code EinError}s.
 */
public final class EinError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Diagnostic diagnostic;

  /** An error at {@code diagnostic}'s span inside {@code source}. */
  public EinError(Diagnostic diagnostic, Source source) {
    super(diagnostic.render(source), null, false, true);
    this.diagnostic = diagnostic;
  }

  /** An error at {@code span} of {@code source} with a message and no expectations. */
  public static EinError at(Source source, Span span, String message) {
    return new EinError(Diagnostic.of(span, message), source);
  }

  /** An error at {@code span} of {@code source} with what would have been accepted there. */
  public static EinError at(Source source, Span span, String message, List<String> expected) {
    return new EinError(new Diagnostic(span, message, expected), source);
  }

  /** What went wrong and where. */
  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
