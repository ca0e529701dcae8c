package io.einstruct.reports;

import java.util.List;

/**
 * A part of a report.
 *
 * @param id an anchor
 * @param title its heading
 * @param text paragraphs of plain text introducing it
 * @param figures its charts
 * @param tables its tables
 */
public record Section(
    String id, String title, List<String> text, List<Figure> figures, List<Table> tables) {
  public Section {
    text = List.copyOf(text);
    figures = List.copyOf(figures);
    tables = List.copyOf(tables);
  }
}
