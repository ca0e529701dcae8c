package io.einstruct.dsl;

import java.util.List;
import java.util.Optional;

/**
 * The one error type for bad user input: a malformed source, a name that does not exist, a size
 * that is not a positive integer, a parameter that is missing or unknown, a data file that is
 * missing or corrupt, an option out of range. Errors in a source carry a {@link Diagnostic} and
 * render as position, message, source line and caret; errors about a file or an option render as
 * one line, {@code where: message}.
 *
 * <p>Programmer errors (a broken invariant inside einstruct) are never {@code EinError}s.
 */
public final class EinError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Diagnostic diagnostic;
  private final String setting;

  /** An error at {@code diagnostic}'s span inside {@code source}. */
  public EinError(Diagnostic diagnostic, Source source) {
    super(diagnostic.render(source), null, false, true);
    this.diagnostic = diagnostic;
    this.setting = null;
  }

  private EinError(String message) {
    this(message, null);
  }

  private EinError(String message, String setting) {
    super(message, null, false, true);
    this.diagnostic = null;
    this.setting = setting;
  }

  /**
   * An error about the value of a setting, named as files and code name it ({@code d_head}),
   * rendered {@code d_head: message}; the command line shows it under the flag that set it.
   */
  public static EinError setting(String name, String message) {
    return new EinError(name + ": " + message, name);
  }

  /** The setting this error is about, if it is about one. */
  public Optional<String> setting() {
    return Optional.ofNullable(setting);
  }

  /** The message without the setting's name in front. */
  public String detail() {
    return setting == null ? getMessage() : getMessage().substring(setting.length() + 2);
  }

  /**
   * An error about something without a line and column: a file ({@code where} is its path) or an
   * option ({@code where} is its name), rendered {@code where: message}.
   */
  public static EinError of(String where, String message) {
    return new EinError(where + ": " + message);
  }

  /** An error at {@code span} of {@code source} with a message and no expectations. */
  public static EinError at(Source source, Span span, String message) {
    return new EinError(Diagnostic.of(span, message), source);
  }

  /** An error at {@code span} of {@code source} with what would have been accepted there. */
  public static EinError at(Source source, Span span, String message, List<String> expected) {
    return new EinError(new Diagnostic(span, message, expected), source);
  }

  /** What went wrong and where, for errors inside a source. */
  public Optional<Diagnostic> diagnostic() {
    return Optional.ofNullable(diagnostic);
  }
}
