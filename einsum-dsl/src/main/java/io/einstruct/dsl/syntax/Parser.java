package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Diagnostic;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive-descent parser for {@code .ein} sources.
 *
 * <pre>
 * file      := structure+
 * structure := 'structure' NAME '(' [param (',' param)*] ')' '{' stmt* '}'
 * param     := NAME ['=' expr]
 * stmt      := 'dim' NAME '=' expr | 'dims' NAME (',' NAME)+ '=' expr | 'let' NAME '=' expr
 *            | 'route' NAME 'top' expr | 'allow' 'padding' | tensor '=' tensor ('*' tensor)*
 * tensor    := NAME '[' [NAME (',' NAME)*] ']'
 * expr      := term (('+' | '-') term)*       term := unary (('*' | '/') unary)*
 * unary     := '-' unary | power              power := atom ['^' unary]
 * atom      := NUMBER | NAME | NAME '(' [expr (',' expr)*] ')' | '(' expr ')'
 * </pre>
 *
 * Statements end at a line end or {@code ;}. The parser checks form only; meaning is checked by the
 * resolver.
 */
public final class Parser {
  private final Source source;
  private final List<Token> tokens;
  private final List<Comment> comments;
  private int pos;
  private int depth;

  /**
   * How deep expressions may nest, counting each parenthesis, call, sign or power twice (once as an
   * expression, once as an operand): 100 levels, far beyond any layer and short of the stack.
   */
  static final int MAX_DEPTH = 200;

  /** How many operators one sum or product may chain: likewise. */
  static final int MAX_TERMS = 1000;

  private Parser(Source source, Lexer.Result lexed) {
    this.source = source;
    this.tokens = lexed.tokens();
    this.comments = lexed.comments();
  }

  /** Parses a whole source; throws {@link EinError} at the first thing out of place. */
  public static EinFile parse(Source source) {
    Parser parser = new Parser(source, Lexer.lex(source));
    return parser.file();
  }

  private EinFile file() {
    List<StructureDecl> structures = new ArrayList<>();
    skipNewlines();
    while (peek().kind() != TokenKind.EOF) {
      structures.add(structure());
      skipNewlines();
    }
    if (structures.isEmpty()) {
      throw error(
          peek(),
          "no structure in this source; expected 'structure NAME(d_in, d_out) { ... }'",
          List.of("'structure NAME(d_in, d_out) {'"));
    }
    return new EinFile(source, structures);
  }

  private StructureDecl structure() {
    Token keyword = peek();
    if (!keyword.isKeyword("structure")) {
      throw error(
          keyword,
          "expected a structure declaration, found " + keyword.describe(),
          List.of("'structure'"));
    }
    pos++;
    Name name = name("the structure's name");
    String doc = docAbove(keyword.span().line());
    expect(TokenKind.LPAREN, "after the structure's name");
    List<Param> params = new ArrayList<>();
    if (peek().kind() != TokenKind.RPAREN) {
      do {
        params.add(param());
      } while (accept(TokenKind.COMMA));
    }
    expect(TokenKind.RPAREN, "to close the parameter list");
    skipNewlines();
    expect(TokenKind.LBRACE, "to open the structure's body");
    List<Stmt> body = new ArrayList<>();
    skipNewlines();
    while (peek().kind() != TokenKind.RBRACE) {
      if (peek().kind() == TokenKind.EOF) {
        throw error(
            peek(), "structure '" + name.text() + "' is not closed; expected '}'", List.of("'}'"));
      }
      body.add(statement());
      endOfStatement();
      skipNewlines();
    }
    pos++;
    if (peek().kind() != TokenKind.NEWLINE && peek().kind() != TokenKind.EOF) {
      throw error(
          peek(),
          "unexpected " + peek().describe() + " after '}'; expected end of line",
          List.of("end of line"));
    }
    return new StructureDecl(name, params, body, doc, source, keyword.span().to(name.span()));
  }

  private Param param() {
    Name name = name("a parameter name");
    Optional<Expr> value = Optional.empty();
    if (accept(TokenKind.EQUALS)) {
      value = Optional.of(expr());
    }
    return new Param(name, value);
  }

  private Stmt statement() {
    Token first = peek();
    if (first.isKeyword("dim")) {
      pos++;
      Name name = name("the index's name");
      expect(TokenKind.EQUALS, "after the index's name");
      Expr size = expr();
      return new DimStmt(name, size, first.span().to(size.span()));
    }
    if (first.isKeyword("dims")) {
      pos++;
      List<Name> names = new ArrayList<>();
      names.add(name("an index name"));
      while (accept(TokenKind.COMMA)) {
        names.add(name("an index name"));
      }
      expect(TokenKind.EQUALS, "after the index names");
      Expr value = expr();
      return new DimsStmt(names, value, first.span().to(value.span()));
    }
    if (first.isKeyword("let")) {
      pos++;
      Name name = name("the value's name");
      expect(TokenKind.EQUALS, "after the value's name");
      Expr value = expr();
      return new LetStmt(name, value, first.span().to(value.span()));
    }
    if (first.isKeyword("route")) {
      pos++;
      Name index = name("the routed index");
      Token top = peek();
      if (!top.isKeyword("top")) {
        throw error(
            top,
            "expected 'top' after the routed index, found " + top.describe(),
            List.of("'top'"));
      }
      pos++;
      Expr k = expr();
      return new RouteStmt(index, k, first.span().to(k.span()));
    }
    if (first.isKeyword("allow")) {
      pos++;
      Token word = peek();
      if (!word.isKeyword("padding")) {
        throw error(
            word,
            "expected 'padding' after 'allow', found " + word.describe(),
            List.of("'padding'"));
      }
      pos++;
      return new PaddingStmt(first.span().to(word.span()));
    }
    if (first.kind() == TokenKind.NAME) {
      return equation();
    }
    throw error(
        first,
        "expected a statement (dim, dims, let, route, allow padding, the equation or '}'), found "
            + first.describe(),
        List.of(
            "'dim'",
            "'dims'",
            "'let'",
            "'route'",
            "'allow padding'",
            "the equation 'y[...] = ...'",
            "'}'"));
  }

  private EquationStmt equation() {
    TensorRef left = tensor();
    expect(TokenKind.EQUALS, "after the left side of the equation");
    List<TensorRef> right = new ArrayList<>();
    right.add(tensor());
    while (accept(TokenKind.STAR)) {
      right.add(tensor());
    }
    return new EquationStmt(left, right, left.span().to(right.get(right.size() - 1).span()));
  }

  private TensorRef tensor() {
    Name name = name("a tensor name");
    expect(TokenKind.LBRACKET, "after tensor '" + name.text() + "'");
    List<Name> indices = new ArrayList<>();
    if (peek().kind() != TokenKind.RBRACKET) {
      do {
        indices.add(name("an index name"));
      } while (accept(TokenKind.COMMA));
    }
    Token close = expect(TokenKind.RBRACKET, "to close the index list");
    return new TensorRef(name, indices, name.span().to(close.span()));
  }

  private Expr expr() {
    Token first = peek();
    if (++depth > MAX_DEPTH) {
      throw error(
          first, "expression nested more than " + MAX_DEPTH / 2 + " deep; simplify it", List.of());
    }
    try {
      return sum();
    } finally {
      depth--;
    }
  }

  private Expr sum() {
    Expr left = term();
    int terms = 0;
    while (peek().kind() == TokenKind.PLUS || peek().kind() == TokenKind.MINUS) {
      Token op = tokens.get(pos++);
      tooMany(++terms, op);
      Expr right = term();
      left = new Binary(op.text().charAt(0), left, right, left.span().to(right.span()), op.span());
    }
    return left;
  }

  private void tooMany(int terms, Token op) {
    if (terms > MAX_TERMS) {
      throw error(
          op, "expression of more than " + MAX_TERMS + " operators; simplify it", List.of());
    }
  }

  private Expr term() {
    Expr left = unary();
    int factors = 0;
    while (peek().kind() == TokenKind.STAR || peek().kind() == TokenKind.SLASH) {
      Token op = tokens.get(pos++);
      tooMany(++factors, op);
      Expr right = unary();
      left = new Binary(op.text().charAt(0), left, right, left.span().to(right.span()), op.span());
    }
    return left;
  }

  private Expr unary() {
    Token first = peek();
    if (++depth > MAX_DEPTH) {
      throw error(
          first, "expression nested more than " + MAX_DEPTH / 2 + " deep; simplify it", List.of());
    }
    try {
      return signed();
    } finally {
      depth--;
    }
  }

  private Expr signed() {
    if (peek().kind() == TokenKind.MINUS) {
      Token minus = tokens.get(pos++);
      Expr operand = unary();
      return new Neg(operand, minus.span().to(operand.span()));
    }
    Expr base = atom();
    if (peek().kind() == TokenKind.CARET) {
      Token op = tokens.get(pos++);
      Expr exponent = unary();
      return new Binary('^', base, exponent, base.span().to(exponent.span()), op.span());
    }
    return base;
  }

  private Expr atom() {
    Token token = peek();
    switch (token.kind()) {
      case INTEGER, REAL -> {
        pos++;
        return new Num(token.text(), token.kind() == TokenKind.INTEGER, token.span());
      }
      case NAME -> {
        pos++;
        Name name = new Name(token.text(), token.span());
        if (peek().kind() != TokenKind.LPAREN) {
          return new Ref(name);
        }
        pos++;
        List<Expr> args = new ArrayList<>();
        if (peek().kind() != TokenKind.RPAREN) {
          do {
            args.add(expr());
          } while (accept(TokenKind.COMMA));
        }
        Token close = expect(TokenKind.RPAREN, "to close the call of " + name.text() + "()");
        return new Call(name, args, name.span().to(close.span()));
      }
      case LPAREN -> {
        pos++;
        Expr inner = expr();
        expect(TokenKind.RPAREN, "to close the parenthesis");
        return inner;
      }
      default ->
          throw error(
              token,
              "expected a value, found " + token.describe(),
              List.of("a number", "a name", "'('", "'-'"));
    }
  }

  private Name name(String what) {
    Token token = peek();
    if (token.kind() != TokenKind.NAME) {
      String found =
          token.kind() == TokenKind.KEYWORD
              ? "keyword '" + token.text() + "', which cannot be used as a name"
              : token.describe();
      throw error(token, "expected " + what + ", found " + found, List.of("a name"));
    }
    pos++;
    return new Name(token.text(), token.span());
  }

  private Token expect(TokenKind kind, String why) {
    Token token = peek();
    if (token.kind() != kind) {
      throw error(
          token,
          "expected " + kind.shown() + " " + why + ", found " + token.describe(),
          List.of(kind.shown()));
    }
    pos++;
    return token;
  }

  private boolean accept(TokenKind kind) {
    if (peek().kind() == kind) {
      pos++;
      return true;
    }
    return false;
  }

  private void endOfStatement() {
    Token token = peek();
    if (token.kind() == TokenKind.NEWLINE) {
      pos++;
      return;
    }
    if (token.kind() == TokenKind.RBRACE) {
      return;
    }
    throw error(
        token,
        "unexpected " + token.describe() + " after the statement; expected end of line or ';'",
        List.of("end of line", "';'"));
  }

  private void skipNewlines() {
    while (peek().kind() == TokenKind.NEWLINE) {
      pos++;
    }
  }

  private Token peek() {
    return tokens.get(Math.min(pos, tokens.size() - 1));
  }

  private String docAbove(int line) {
    List<String> lines = new ArrayList<>();
    int want = line - 1;
    for (int i = comments.size() - 1; i >= 0; i--) {
      Comment comment = comments.get(i);
      if (comment.line() > want) {
        continue;
      }
      if (comment.line() != want || !comment.wholeLine()) {
        break;
      }
      lines.add(0, comment.text());
      want--;
    }
    return String.join(" ", lines).strip();
  }

  private EinError error(Token at, String message, List<String> expected) {
    Span span = at.span();
    if (span.length() == 0) {
      span = new Span(span.file(), span.line(), span.column(), 1);
    }
    return new EinError(new Diagnostic(span, message, expected), source);
  }
}
