package io.einstruct.dsl.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Resolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sources built to exhaust the stack or the screen end in one positioned error, quickly. */
class HostileSourceTest {
  private static String layer(String size) {
    return "structure s(d_in, d_out) {\n  dim o = d_out\n  dim i = "
        + size
        + "\n  y[o] = W[o, i] * x[i]\n}\n";
  }

  private static void bind(String text) {
    var decl = Parser.parse(new Source("s.ein", text)).structure(null);
    Resolver.resolve(decl, Args.of(Map.of("d_in", 8L, "d_out", 8L)));
  }

  @Test
  void deepNestingIsAnErrorAtItsPosition() {
    String deep = "(".repeat(2000) + "d_in" + ")".repeat(2000);
    assertThatThrownBy(() -> bind(layer(deep)))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith("s.ein:3:111: expression nested more than 100 deep; simplify it");
    assertThatThrownBy(() -> bind(layer("-".repeat(5000) + "d_in")))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("expression nested more than 100 deep");
    assertThatThrownBy(() -> bind(layer("d_in" + " ^ 1".repeat(5000))))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("expression nested more than 100 deep");
  }

  @Test
  void aHundredLevelsStillParse() {
    bind(layer("(".repeat(99) + "d_in" + ")".repeat(99)));
  }

  @Test
  void aLongSumIsAnErrorAndAShortOneIsNot() {
    bind(layer("d_in" + " + 0".repeat(999)));
    assertThatThrownBy(() -> bind(layer("d_in" + " + 0".repeat(5000))))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("expression of more than 1000 operators; simplify it");
    assertThatThrownBy(() -> bind(layer("d_in" + " * 1".repeat(5000))))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("expression of more than 1000 operators");
  }

  @Test
  void anErrorOnAHugeLineShowsAWindowAroundTheCaret() {
    String text = layer("d_in + " + "1 + ".repeat(200) + "$" + " + 1".repeat(500_000));
    assertThatThrownBy(() -> bind(text))
        .isInstanceOf(EinError.class)
        .satisfies(
            e -> {
              String[] lines = e.getMessage().split("\n");
              assertThat(lines).hasSize(3);
              assertThat(lines[1].length()).isLessThan(130);
              assertThat(lines[1].charAt(lines[2].indexOf('^'))).isEqualTo('$');
            });
  }

  @Test
  void aStructureOfTooManyFactorsIsRefusedBeforeItIsPlanned() {
    StringBuilder dims = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      dims.append("  dim a").append(i).append(" = 2\n");
    }
    StringBuilder factors = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      factors
          .append("F")
          .append(i)
          .append("[a")
          .append(i % 40)
          .append(", a")
          .append((i + 1) % 40)
          .append("] * ");
    }
    String text = "structure many(d_in, d_out) {\n" + dims + "  y[a0] = " + factors + "x[a1]\n}\n";
    assertThatThrownBy(() -> bind(text))
        .isInstanceOf(EinError.class)
        .hasMessageContaining(
            "a structure may have at most 32 factors (planning a contraction grows with their number), got 200");
  }

  @Test
  void controlCharactersOfASourceAreNotEchoed() {
    assertThatThrownBy(() -> bind(layer("d_in + \u001b[2J$")))
        .isInstanceOf(EinError.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").contains("\u00b7[2J"));
  }
}
