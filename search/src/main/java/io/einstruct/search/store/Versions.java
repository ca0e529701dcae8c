package io.einstruct.search.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which structure names of a study stand for several sources, for the notes of fits and reports.
 */
public final class Versions {
  private Versions() {}

  /**
   * A sentence naming every structure that has several versions among {@code trials} (labels shown
   * as {@code NAME@HASH}), or empty when every name has one source.
   */
  public static Optional<String> note(List<TrialRow> trials) {
    Map<String, TreeSet<String>> versions = new TreeMap<>();
    for (TrialRow t : trials) {
      int at = t.label().lastIndexOf('@');
      if (at > 0 && t.label().substring(at + 1).matches("[0-9a-f]{6}")) {
        versions.computeIfAbsent(t.label().substring(0, at), k -> new TreeSet<>()).add(t.label());
      }
    }
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    versions.forEach(
        (name, labels) ->
            parts.add(
                name + " has " + labels.size() + " versions (" + String.join(", ", labels) + ")"));
    return Optional.of(
        String.join("; ", parts)
            + ": trials made from different sources of one name are shown and fitted apart");
  }
}
