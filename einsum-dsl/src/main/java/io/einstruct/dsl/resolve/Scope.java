package io.einstruct.dsl.resolve;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import io.einstruct.dsl.syntax.Name;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names defined so far while one structure is being bound: parameters, {@code let} values and
 * indices, each with its value and where it was declared. Lives inside one resolution only.
 */
final class Scope {
  /** What kind of thing a name is. */
  enum Kind {
    PARAMETER("parameter"),
    VALUE("value"),
    INDEX("index");

    final String shown;

    Kind(String shown) {
      this.shown = shown;
    }
  }

  /** One defined name. */
  record Binding(Kind kind, Value value, Span declared) {}

  private final Source source;
  private final Map<String, Binding> bindings = new LinkedHashMap<>();

  Scope(Source source) {
    this.source = source;
  }

  /** Defines {@code name}; a name may be defined once. */
  void define(Name name, Kind kind, Value value) {
    Binding earlier = bindings.get(name.text());
    if (earlier != null) {
      throw EinError.at(
          source,
          name.span(),
          "'"
              + name.text()
              + "' is already declared as "
              + earlier.kind().shown
              + " at "
              + earlier.declared().position());
    }
    bindings.put(name.text(), new Binding(kind, value, name.span()));
  }

  Optional<Binding> find(String name) {
    return Optional.ofNullable(bindings.get(name));
  }

  /** The value of {@code name}, or an error that lists what is defined. */
  Value value(Name name) {
    Binding binding = bindings.get(name.text());
    if (binding == null) {
      List<String> known = names();
      throw EinError.at(
          source,
          name.span(),
          "'"
              + name.text()
              + "' is not defined here;"
              + Suggestions.didYouMean(name.text(), known)
              + " defined: "
              + Suggestions.list(known),
          known);
    }
    return binding.value();
  }

  /** The names of a kind, in declaration order. */
  List<String> names(Kind kind) {
    List<String> names = new ArrayList<>();
    bindings.forEach(
        (n, b) -> {
          if (b.kind() == kind) {
            names.add(n);
          }
        });
    return names;
  }

  List<String> names() {
    return new ArrayList<>(bindings.keySet());
  }
}
