package io.einstruct.cli;

/**
 * A mistake in what the user asked for that is not in a structure source, such as an option value
 * out of range: reported in one line with exit code 2.
 */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message that says what was wrong and what would be accepted. */
  public UserException(String message) {
    super(message);
  }
}
