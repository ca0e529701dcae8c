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
 * @param listings verbatim text (a configuration, a DSL source), each with its caption
 */
public record Section(
    String id,
    String title,
    List<String> text,
    List<Figure> figures,
    List<Table> tables,
    List<Listing> listings) {
  public Section {
    text = List.copyOf(text);
    figures = List.copyOf(figures);
    tables = List.copyOf(tables);
    listings = List.copyOf(listings);
  }

  /** A section without listings. */
  public Section(
      String id, String title, List<String> text, List<Figure> figures, List<Table> tables) {
    this(id, title, text, figures, tables, List.of());
  }

  /**
   * Verbatim text shown as it is.
   *
   * @param caption what it is
   * @param text the text
   */
  public record Listing(String caption, String text) {}
}
