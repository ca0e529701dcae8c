package io.einstruct.dsl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Resolver;
import io.einstruct.dsl.syntax.Parser;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: bind a source text, or check the exact error it gives. */
public final class Sources {
  private Sources() {}

  /** Parses {@code text} as {@code test.ein} and binds its only structure to {@code args}. */
  public static Structure bind(String text, Map<String, ? extends Number> args) {
    return Resolver.resolve(
        Parser.parse(new Source("test.ein", text)).structure(null), Args.of(args));
  }

  /** An ordered argument map from alternating names and numbers. */
  public static Map<String, Number> args(Object... namesAndValues) {
    Map<String, Number> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], (Number) namesAndValues[i + 1]);
    }
    return args;
  }

  /** Asserts that binding {@code text} fails with exactly {@code message}, caret included. */
  public static void assertError(String text, Map<String, ? extends Number> args, String message) {
    assertThatThrownBy(() -> bind(text, args)).isInstanceOf(EinError.class).hasMessage(message);
  }
}
