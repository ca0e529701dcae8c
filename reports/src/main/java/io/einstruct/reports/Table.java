package io.einstruct.reports;

import java.util.List;

/**
 * A table with its caption; cells are numbers, strings or null.
 *
 * @param id a file-name-safe identifier, also its CSV's name
 * @param title the table's title
 * @param caption what the columns mean and their units
 * @param columns column names
 * @param rows the rows, each as long as {@code columns}
 */
public record Table(
    String id, String title, String caption, List<String> columns, List<List<Object>> rows) {
  public Table {
    columns = List.copyOf(columns);
    rows =
        rows.stream()
            .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
            .toList();
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "table "
                + id
                + ": a row of "
                + row.size()
                + " cells for "
                + columns.size()
                + " columns");
      }
    }
  }
}
