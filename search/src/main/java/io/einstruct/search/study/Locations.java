package io.einstruct.search.study;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list element of a YAML or JSON file is, by path ({@code task.epochs}, {@code
 * structures[2].params.rank}), so that errors found after parsing still point at a line and column.
 */
final class Locations {
  private final Source source;
  private final String prefix;
  private final Map<String, Span> spans = new HashMap<>();

  private Locations(Source source, String prefix) {
    this.source = source;
    this.prefix = prefix;
  }

  /** Reads the positions of every path in {@code source}; syntax errors are left to the mapper. */
  static Locations of(Source source, JsonFactory factory) {
    return of(source, factory, "");
  }

  /**
   * As {@link #of(Source, JsonFactory)}, every path known under {@code prefix}: a run file's {@code
   * epochs} is found as {@code task.epochs}, as the same key of a study.
   */
  static Locations of(Source source, JsonFactory factory, String prefix) {
    Locations locations = new Locations(source, prefix);
    try (JsonParser parser = factory.createParser(source.text())) {
      locations.walk(parser);
    } catch (IOException e) {
      // a malformed file: the positions read so far are all there are
    }
    return locations;
  }

  /** A container being read: its path, whether it is a list, and its next element's index. */
  private static final class Context {
    final String path;
    final boolean list;
    int next;

    Context(String path, boolean list) {
      this.path = path;
      this.list = list;
    }
  }

  private void walk(JsonParser parser) throws IOException {
    Deque<Context> stack = new ArrayDeque<>();
    String field = "";
    JsonToken token;
    while ((token = parser.nextToken()) != null) {
      if (token == JsonToken.FIELD_NAME) {
        String parent = stack.isEmpty() ? "" : stack.peek().path;
        field = parent.isEmpty() ? parser.currentName() : parent + "." + parser.currentName();
        put(field, parser.currentTokenLocation(), parser.currentName().length());
        continue;
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        stack.pop();
        continue;
      }
      String path = field;
      if (stack.isEmpty()) {
        path = "";
      } else if (stack.peek().list) {
        path = stack.peek().path + "[" + stack.peek().next++ + "]";
        put(path, parser.currentTokenLocation(), Math.max(1, parser.getText().length()));
      }
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        stack.push(new Context(path, token == JsonToken.START_ARRAY));
      }
    }
  }

  private void put(String path, JsonLocation location, int length) {
    if (location.getLineNr() > 0) {
      spans.putIfAbsent(
          path.isEmpty() ? path : prefix + path,
          new Span(
              source.name(),
              location.getLineNr(),
              Math.max(1, location.getColumnNr()),
              Math.max(1, length)));
    }
  }

  /** The span of {@code path}, or of its nearest ancestor that has one, or the file's start. */
  Span of(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Span span = spans.get(p);
      if (span != null) {
        return span;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return new Span(source.name(), 1, 1, 1);
  }

  Source source() {
    return source;
  }

  /** What every path is known under. */
  String prefix() {
    return prefix;
  }
}
