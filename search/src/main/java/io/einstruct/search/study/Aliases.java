package io.einstruct.search.study;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * YAML anchors and aliases ({@code widths: &w [8, 16]} … {@code widths: *w}), which Jackson's YAML
 * mapper reads as plain strings: a file that uses an alias is loaded with SnakeYAML, aliases
 * expanded, under limits against alias bombs ("billion laughs"), and mapped from that tree.
 */
final class Aliases {
  /** Most aliases to collections one file may use: each may copy a whole subtree. */
  static final int MAX_ALIASES = 50;

  private Aliases() {}

  /** Whether {@code source} (YAML) uses an alias; false when it does not even parse. */
  static boolean used(Source source) {
    try {
      for (Event e : yaml().parse(new StringReader(source.text()))) {
        if (e instanceof AliasEvent) {
          return true;
        }
      }
    } catch (YAMLException e) {
      // the strict reader reports the syntax error with its position
    }
    return false;
  }

  /** The document of {@code source} with every alias expanded. */
  static Object load(Source source) {
    try {
      return yaml().load(source.text());
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      Span at =
          mark == null
              ? new Span(source.name(), 1, 1, 1)
              : new Span(source.name(), mark.getLine() + 1, mark.getColumn() + 1, 1);
      throw EinError.at(source, at, "malformed study file: " + e.getProblem());
    } catch (YAMLException e) {
      throw EinError.at(
          source,
          new Span(source.name(), 1, 1, 1),
          "cannot expand the file's aliases: "
              + e.getMessage().lines().findFirst().orElse("")
              + " (at most "
              + MAX_ALIASES
              + " aliases to lists or mappings)");
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit((int) Source.MAX_BYTES);
    return new Yaml(new SafeConstructor(options));
  }
}
