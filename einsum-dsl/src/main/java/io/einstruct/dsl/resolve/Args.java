package io.einstruct.dsl.resolve;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameter values for binding a structure, with where each was given so that a bad or unknown one
 * is reported with a caret like a source error.
 *
 * @param values parameter name to value, in the order given
 * @param source the text the values were written in (a command line, or a rendering of a map)
 * @param spans where each value's {@code name=value} is in {@code source}
 */
public record Args(Map<String, Value> values, Source source, Map<String, Span> spans) {
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?)\\s*");

  public Args {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    spans = Collections.unmodifiableMap(new LinkedHashMap<>(spans));
  }

  /** No values. */
  public static Args none() {
    return new Args(Map.of(), new Source("<arguments>", ""), Map.of());
  }

  /** Values given in code; integers stay exact, other numbers are real. */
  public static Args of(Map<String, ? extends Number> given) {
    Map<String, Value> values = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    Map<String, Span> spans = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Number> e : given.entrySet()) {
      Number n = e.getValue();
      Value v =
          (n instanceof Integer || n instanceof Long)
              ? Value.of(n.longValue())
              : Value.real(n.doubleValue());
      if (text.length() > 0) {
        text.append(' ');
      }
      String item = e.getKey() + "=" + v;
      spans.put(e.getKey(), new Span("<arguments>", 1, text.length() + 1, item.length()));
      text.append(item);
      values.put(e.getKey(), v);
    }
    return new Args(values, new Source("<arguments>", text.toString()), spans);
  }

  /**
   * Parses {@code NAME=NUMBER} assignments as given on a command line ({@code -p rank=4}); the
   * source shown in errors is {@code -p a=1 -p b=2}.
   */
  public static Args parse(Collection<String> assignments) {
    StringBuilder text = new StringBuilder();
    List<String> list = List.copyOf(assignments);
    int[] starts = new int[list.size()];
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append("-p ");
      starts[i] = text.length();
      text.append(list.get(i));
    }
    Source source = new Source("<command line>", text.toString());
    Map<String, Value> values = new LinkedHashMap<>();
    Map<String, Span> spans = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String item = list.get(i);
      Span span = source.span(1, starts[i] + 1, Math.max(1, item.length()));
      Matcher m = ASSIGNMENT.matcher(item);
      if (!m.matches()) {
        throw EinError.at(
            source, span, "expected NAME=NUMBER (e.g. rank=4 or theta=0.5), got '" + item + "'");
      }
      String name = m.group(1);
      if (values.containsKey(name)) {
        throw EinError.at(source, span, "parameter '" + name + "' is given twice");
      }
      String number = m.group(2);
      double parsed = Double.parseDouble(number);
      if (!Double.isFinite(parsed) || Math.abs(parsed) > Value.MAX_EXACT) {
        throw EinError.at(source, span, "value of '" + name + "' is too large: " + number);
      }
      boolean integer = number.matches("-?\\d+");
      values.put(name, integer ? Value.of((long) parsed) : Value.real(parsed));
      spans.put(name, span);
    }
    return new Args(values, source, spans);
  }

  /** These values plus {@code name=value}, replacing an earlier value of that name. */
  public Args with(String name, long value) {
    Map<String, Number> all = new LinkedHashMap<>();
    values.forEach((k, v) -> all.put(k, v.integer() ? (Number) v.asLong() : v.value()));
    all.put(name, value);
    return of(all);
  }
}
