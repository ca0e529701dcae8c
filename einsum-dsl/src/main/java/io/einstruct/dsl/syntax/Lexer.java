package io.einstruct.dsl.syntax;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a {@link Source} into {@link Token}s and {@link Comment}s.
 *
 * <p>Line ends separate statements, so they are tokens, except inside parentheses and brackets
 * where an expression or index list may continue on the next line. A {@code ;} is a line end.
 */
public final class Lexer {
  /** Words that cannot be used as names. */
  public static final Set<String> KEYWORDS =
      Set.of("structure", "dim", "dims", "let", "route", "top", "allow", "padding");

  private final Source source;
  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private final List<Comment> comments = new ArrayList<>();
  private int pos;
  private int line = 1;
  private int lineStart;
  private int depth;

  private Lexer(Source source) {
    this.source = source;
    this.text = source.text();
  }

  /** The tokens and comments of a source. */
  public record Result(List<Token> tokens, List<Comment> comments) {
    public Result {
      tokens = List.copyOf(tokens);
      comments = List.copyOf(comments);
    }
  }

  /** Lexes {@code source}; throws {@link EinError} on a character that starts no token. */
  public static Result lex(Source source) {
    Lexer lexer = new Lexer(source);
    lexer.run();
    return new Result(lexer.tokens, lexer.comments);
  }

  private void run() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        newline(1);
      } else if (c == ';') {
        emit(TokenKind.NEWLINE, ";", pos, 1);
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        pos++;
      } else if (c == '#') {
        comment();
      } else if (Character.isLetter(c) || c == '_') {
        word();
      } else if (Character.isDigit(c)
          || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
        number();
      } else {
        punctuation(c);
      }
    }
    if (depth == 0) {
      emit(TokenKind.NEWLINE, "", pos, 0);
    }
    emit(TokenKind.EOF, "", pos, 0);
  }

  private void newline(int width) {
    emit(TokenKind.NEWLINE, "\n", pos, width);
    pos += width;
    line++;
    lineStart = pos;
  }

  private void comment() {
    int start = pos;
    boolean wholeLine = text.substring(lineStart, start).isBlank();
    while (pos < text.length() && text.charAt(pos) != '\n') {
      pos++;
    }
    String body = text.substring(start + 1, pos).strip();
    comments.add(new Comment(body, line, wholeLine));
  }

  private void word() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String word = text.substring(start, pos);
    emit(KEYWORDS.contains(word) ? TokenKind.KEYWORD : TokenKind.NAME, word, start, pos - start);
  }

  private void number() {
    int start = pos;
    boolean real = false;
    digits();
    if (pos < text.length() && text.charAt(pos) == '.') {
      real = true;
      pos++;
      digits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        real = true;
        digits();
      } else {
        pos = mark;
      }
    }
    if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
      throw EinError.at(
          source,
          source.span(line, pos - lineStart + 1, 1),
          "a number cannot run into a name here: '" + text.substring(start, pos + 1) + "'");
    }
    emit(real ? TokenKind.REAL : TokenKind.INTEGER, text.substring(start, pos), start, pos - start);
  }

  private void digits() {
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private void punctuation(char c) {
    TokenKind kind =
        switch (c) {
          case '(' -> TokenKind.LPAREN;
          case ')' -> TokenKind.RPAREN;
          case '[' -> TokenKind.LBRACKET;
          case ']' -> TokenKind.RBRACKET;
          case '{' -> TokenKind.LBRACE;
          case '}' -> TokenKind.RBRACE;
          case ',' -> TokenKind.COMMA;
          case '=' -> TokenKind.EQUALS;
          case '+' -> TokenKind.PLUS;
          case '-' -> TokenKind.MINUS;
          case '*' -> TokenKind.STAR;
          case '/' -> TokenKind.SLASH;
          case '^' -> TokenKind.CARET;
          default -> null;
        };
    if (kind == null) {
      String shown = Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : "" + c;
      throw EinError.at(
          source,
          source.span(line, pos - lineStart + 1, 1),
          "unexpected character '" + shown + "'",
          List.of("a name, a number, an operator, a bracket or '#' for a comment"));
    }
    if (kind == TokenKind.LPAREN || kind == TokenKind.LBRACKET) {
      depth++;
    } else if ((kind == TokenKind.RPAREN || kind == TokenKind.RBRACKET) && depth > 0) {
      depth--;
    }
    emit(kind, "" + c, pos, 1);
    pos++;
  }

  private void emit(TokenKind kind, String word, int start, int length) {
    if (kind == TokenKind.NEWLINE && depth > 0 && !word.isEmpty()) {
      return;
    }
    if (kind == TokenKind.NEWLINE
        && !tokens.isEmpty()
        && tokens.get(tokens.size() - 1).kind() == TokenKind.NEWLINE) {
      return;
    }
    int column = start - lineStart + 1;
    tokens.add(new Token(kind, word, source.span(line, Math.max(1, column), length)));
  }
}
