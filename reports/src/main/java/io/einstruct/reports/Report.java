package io.einstruct.reports;

import java.util.List;
import java.util.Map;

/**
 * A report: a title, what it is about, its sections, and any further numbers for its JSON.
 *
 * @param title the report's title
 * @param subtitle one line on what it covers
 * @param sections its sections in order
 * @param data further numbers for {@code report.json} (besides every table)
 */
public record Report(
    String title, String subtitle, List<Section> sections, Map<String, Object> data) {
  public Report {
    sections = List.copyOf(sections);
    data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  /** Every figure of every section. */
  public List<Figure> figures() {
    return sections.stream().flatMap(s -> s.figures().stream()).toList();
  }

  /** Every table of every section. */
  public List<Table> tables() {
    return sections.stream().flatMap(s -> s.tables().stream()).toList();
  }
}
