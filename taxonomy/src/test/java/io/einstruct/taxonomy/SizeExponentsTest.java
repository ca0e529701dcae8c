package io.einstruct.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.Source;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.syntax.Parser;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeExponentsTest {
  /** The exponent of {@code a}'s size, declared as {@code dim a = EXPR} with b = split(d_in)[0]. */
  private static Optional<Double> exponent(String expr) {
    String text =
        """
        structure s(d_in, d_out, r = 3, s = round(sqrt(min(d_in, d_out)))) {
          allow padding
          dims b, c = split(d_in)
          dims p, q = split(12)
          let half = d_out / 2
          dim a = %s
          y[a] = W[a, b, c] * x[b, c]
        }
        """
            .formatted(expr);
    Template t = new Template(Parser.parse(new Source("s.ein", text)).structure(null), false);
    return SizeExponents.of(t.decl(), Args.none()).map(m -> m.get("a"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "round(d_in ^ 0.1); 0.1",
        "round(min(d_in, d_out) ^ 0.3); 0.3",
        "d_in / 4; 1",
        "r; 0",
        "r * r + 1; 0",
        "s; 0.5",
        "half; 1",
        "b; 0.5",
        "b * c; 1",
        "p * q; 0",
        "round(d_in ^ (1 / 3)) * 2; 0.3333333333333333",
        "max(d_in, d_out / 3) + r; 1",
        "min(4, d_in); 0",
        "ceil(sqrt(d_in * d_out)); 1",
        "round(d_in ^ (p / 10.0)); 0.3"
      })
  void readsTheExponentOffTheExpression(String expr, double expected) {
    assertThat(exponent(expr))
        .hasValueSatisfying(e -> assertThat(e).isCloseTo(expected, within(1e-12)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"round(2 ^ b)", "round(d_in ^ (d_in / 1000.0))"})
  void givesNoAnswerWhenAPowerGrowsInItsExponent(String expr) {
    assertThat(exponent(expr)).isEmpty();
  }

  /** Every built-in's exponents come from its declaration and equal what measuring gives. */
  static java.util.List<String> builtIns() {
    return Library.BUILT_INS;
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("builtIns")
  void builtInsAreReadExactly(String name) {
    Template t = Library.builtIns().find(name).orElseThrow();
    Map<String, Double> exponents = SizeExponents.of(t.decl(), Args.none()).orElseThrow();
    var small = t.bind(Args.none().with("d_in", Taxonomy.SMALL).with("d_out", Taxonomy.SMALL));
    var large = t.bind(Args.none().with("d_in", Taxonomy.LARGE).with("d_out", Taxonomy.LARGE));
    double span = Math.log((double) Taxonomy.LARGE / Taxonomy.SMALL);
    for (var index : large.indices()) {
      double measured = Math.log((double) index.size() / small.size(index.name())) / span;
      assertThat(exponents.get(index.name()))
          .as(name + " " + index.name())
          .isCloseTo(measured, within(1e-9));
    }
  }
}
