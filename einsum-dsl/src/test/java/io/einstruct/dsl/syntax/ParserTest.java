package io.einstruct.dsl.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {
  private static final String BTT =
      """
      # Block Tensor-Train with two cores.
      # Second line of the doc.
      structure btt(d_in, d_out, rank = 1) {
        dims c, d = split(d_in)        # c * d == d_in
        dims a, b = split(d_out)
        dim  r = rank
        y[a, b] = L[a, b, c, r] * R[r, b, c, d] * x[c, d]
      }
      """;

  @Test
  void parsesTheDesignExample() {
    EinFile file = Parser.parse(new Source("btt.ein", BTT));
    StructureDecl decl = file.structure(null);
    assertThat(decl.name().text()).isEqualTo("btt");
    assertThat(decl.doc()).isEqualTo("Block Tensor-Train with two cores. Second line of the doc.");
    assertThat(decl.params())
        .extracting(p -> p.name().text())
        .containsExactly("d_in", "d_out", "rank");
    assertThat(decl.params().get(2).defaultValue()).get().isInstanceOf(Num.class);
    assertThat(decl.body()).hasSize(4);
    assertThat(decl.body().get(0)).isInstanceOf(DimsStmt.class);
    EquationStmt eq = (EquationStmt) decl.body().get(3);
    assertThat(eq.left().name().text()).isEqualTo("y");
    assertThat(eq.right()).extracting(t -> t.name().text()).containsExactly("L", "R", "x");
    assertThat(eq.right().get(0).indices())
        .extracting(Name::text)
        .containsExactly("a", "b", "c", "r");
    assertThat(eq.right().get(0).span()).isEqualTo(new Span("btt.ein", 7, 13, 13));
  }

  @Test
  void parsesPrecedenceAndRightAssociativePowers() {
    StructureDecl decl =
        Parser.parse(
                new Source(
                    "e.ein",
                    """
        structure s(d_in, d_out) { let v = 1 + 2 * 3 ^ 2 ^ -1 - -4 / 2; dim o = d_out; dim i = d_in
          y[o] = W[o, i] * x[i] }
        """))
            .structure(null);
    LetStmt let = (LetStmt) decl.body().get(0);
    Binary minus = (Binary) let.value();
    assertThat(minus.op()).isEqualTo('-');
    Binary plus = (Binary) minus.left();
    assertThat(plus.op()).isEqualTo('+');
    Binary times = (Binary) plus.right();
    Binary power = (Binary) times.right();
    assertThat(power.op()).isEqualTo('^');
    assertThat(power.right()).isInstanceOf(Binary.class);
    assertThat(((Binary) power.right()).right()).isInstanceOf(Neg.class);
    assertThat(((Binary) minus.right()).left()).isInstanceOf(Neg.class);
  }

  @Test
  void continuesExpressionsAndIndexListsInsideBrackets() {
    StructureDecl decl =
        Parser.parse(
                new Source(
                    "e.ein",
                    """
        structure s(d_in,
                    d_out) {
          dim o = min(d_out,
                      d_in)
          dim i = d_in
          y[o] = W[o,
                   i] * x[i]
        }
        """))
            .structure(null);
    assertThat(decl.body()).hasSize(3);
  }

  @Test
  void readsSeveralStructuresAndChoosesByName() {
    EinFile file =
        Parser.parse(
            new Source(
                "two.ein",
                """
        structure a(d_in, d_out) { dim o = d_out; dim i = d_in; y[o] = W[o, i] * x[i] }
        structure b(d_in, d_out) { dim o = d_out; dim i = d_in; y[o] = W[o, i] * x[i] }
        """));
    assertThat(file.structure("b").name().text()).isEqualTo("b");
    assertThatThrownBy(() -> file.structure(null))
        .isInstanceOf(EinError.class)
        .hasMessage(
            """
        two.ein:1:1: this file declares 2 structures ('a', 'b'); choose one with --structure
          structure a(d_in, d_out) { dim o = d_out; dim i = d_in; y[o] = W[o, i] * x[i] }
          ^""");
    assertThatThrownBy(() -> file.structure("c"))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(
            "two.ein:1:1: no structure named 'c' in this file; choose one of 'a', 'b'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      missing bracket    | structure s(d_in, d_out) {\\n  y[o = W[o] * x[o]\\n}    | "t.ein:2:7: expected ']' to close the index list, found '='\\n    y[o = W[o] * x[o]\\n        ^"
      keyword as name    | structure s(d_in, d_out) {\\n  dim top = 3\\n}          | "t.ein:2:7: expected the index's name, found keyword 'top', which cannot be used as a name\\n    dim top = 3\\n        ^~~"
      bad character      | structure s(d_in, d_out) {\\n  dim a = 3 @ 4\\n}        | "t.ein:2:13: unexpected character '@'\\n    dim a = 3 @ 4\\n              ^"
      number into name   | structure s(d_in, d_out) {\\n  dim a = 3b\\n}           | "t.ein:2:12: a number cannot run into a name here: '3b'\\n    dim a = 3b\\n             ^"
      unclosed body      | structure s(d_in, d_out) {\\n  dim a = 3\\n             | "t.ein:3:1: structure 's' is not closed; expected '}'\\n  \\n  ^"
      missing value      | structure s(d_in, d_out) {\\n  dim a = \\n}             | "t.ein:2:11: expected a value, found end of line\\n    dim a = \\n            ^"
      trailing tokens    | structure s(d_in, d_out) {\\n  dim a = 3 4\\n}          | "t.ein:2:13: unexpected '4' after the statement; expected end of line or ';'\\n    dim a = 3 4\\n              ^"
      route without top  | structure s(d_in, d_out) {\\n  route e 2\\n}            | "t.ein:2:11: expected 'top' after the routed index, found '2'\\n    route e 2\\n            ^"
      allow what         | structure s(d_in, d_out) {\\n  allow it\\n}             | "t.ein:2:9: expected 'padding' after 'allow', found 'it'\\n    allow it\\n          ^~"
      not a structure    | dim a = 3                                              | "t.ein:1:1: expected a structure declaration, found keyword 'dim'\\n  dim a = 3\\n  ^~~"
      empty              | "# nothing here"                                       | "t.ein:1:15: no structure in this source; expected 'structure NAME(d_in, d_out) { ... }'\\n  # nothing here\\n                ^"
      bad statement      | structure s(d_in, d_out) {\\n  + 3\\n}                  | "t.ein:2:3: expected a statement (dim, dims, let, route, allow padding, the equation or '}'), found '+'\\n    + 3\\n    ^"
      unclosed paren     | structure s(d_in, d_out) {\\n  dim a = (3 + 4\\n}       | "t.ein:3:1: expected ')' to close the parenthesis, found '}'\\n  }\\n  ^"
      """)
  void reportsSyntaxErrorsWithPositionLineAndCaret(String name, String text, String message) {
    Source source = new Source("t.ein", text.replace("\\n", "\n"));
    assertThatThrownBy(() -> Parser.parse(source))
        .isInstanceOf(EinError.class)
        .hasMessage(message.replace("\\n", "\n"));
  }
}
