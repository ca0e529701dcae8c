package io.einstruct.dsl.syntax;

/** The kinds of token of the {@code .ein} language, with how each is shown in messages. */
public enum TokenKind {
  NAME("a name"),
  KEYWORD("a keyword"),
  INTEGER("an integer"),
  REAL("a number"),
  LPAREN("'('"),
  RPAREN("')'"),
  LBRACKET("'['"),
  RBRACKET("']'"),
  LBRACE("'{'"),
  RBRACE("'}'"),
  COMMA("','"),
  EQUALS("'='"),
  PLUS("'+'"),
  MINUS("'-'"),
  STAR("'*'"),
  SLASH("'/'"),
  CARET("'^'"),
  NEWLINE("end of line"),
  EOF("end of file");

  private final String shown;

  TokenKind(String shown) {
    this.shown = shown;
  }

  /** How the kind is named in "expected ..." messages. */
  public String shown() {
    return shown;
  }
}
