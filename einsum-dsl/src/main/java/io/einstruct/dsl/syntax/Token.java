package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;

/**
 * One token with its text and position.
 *
 * @param kind what it is
 * @param text the characters as written ({@code ";"} is lexed as a {@link TokenKind#NEWLINE})
 * @param span where it is
 */
public record Token(TokenKind kind, String text, Span span) {
  /** True if this is the keyword {@code word}. */
  public boolean isKeyword(String word) {
    return kind == TokenKind.KEYWORD && text.equals(word);
  }

  /** How the token is named in "found ..." messages. */
  public String describe() {
    return switch (kind) {
      case NEWLINE -> "end of line";
      case EOF -> "end of file";
      case KEYWORD -> "keyword '" + text + "'";
      default -> "'" + text + "'";
    };
  }
}
