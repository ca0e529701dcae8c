package io.einstruct.reports;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import io.einstruct.train.run.AtomicFiles;
import io.einstruct.train.run.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Report} into a directory: {@code index.html} (self-contained), {@code report.md},
 * {@code report.json}, {@code charts/*.svg} and {@code tables/*.csv}. Every string a user wrote is
 * escaped; every file is written atomically, so re-running replaces a report without leaving a
 * half-written one.
 */
public final class ReportWriter {
  private static final Escaper HTML = HtmlEscapers.htmlEscaper();

  private ReportWriter() {}

  /** Writes the report and returns the path of its {@code index.html}. */
  public static Path write(Report report, Path dir) {
    try {
      for (Figure f : report.figures()) {
        put(dir.resolve("charts").resolve(f.id() + ".svg"), f.svg());
      }
      for (Table t : report.tables()) {
        put(dir.resolve("tables").resolve(t.id() + ".csv"), csv(t));
      }
      put(dir.resolve("report.md"), markdown(report));
      Json.write(dir.resolve("report.json"), json(report));
      Path index = dir.resolve("index.html");
      put(index, html(report));
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The self-contained HTML page. */
  static String html(Report report) {
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(HTML.escape(report.title()))
        .append("</title>\n<style>")
        .append(ReportStyle.CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>")
        .append(HTML.escape(report.title()))
        .append("</h1>\n<p class=\"subtitle\">")
        .append(HTML.escape(report.subtitle()))
        .append("</p>\n<nav><ol>\n");
    for (Section s : report.sections()) {
      out.append("<li><a href=\"#")
          .append(HTML.escape(s.id()))
          .append("\">")
          .append(HTML.escape(s.title()))
          .append("</a></li>\n");
    }
    out.append("</ol></nav>\n</header>\n<main>\n");
    int figure = 0;
    int table = 0;
    for (Section s : report.sections()) {
      out.append("<section id=\"")
          .append(HTML.escape(s.id()))
          .append("\">\n<h2>")
          .append(HTML.escape(s.title()))
          .append("</h2>\n");
      for (String p : s.text()) {
        out.append("<p>").append(HTML.escape(p)).append("</p>\n");
      }
      for (Figure f : s.figures()) {
        figure++;
        out.append("<figure class=\"chart\" id=\"figure-")
            .append(HTML.escape(f.id()))
            .append("\">\n")
            .append(f.svg())
            .append("\n<figcaption><strong>Figure ")
            .append(figure)
            .append(". ")
            .append(HTML.escape(f.title()))
            .append(".</strong> ")
            .append(HTML.escape(f.caption()))
            .append("</figcaption>\n</figure>\n");
      }
      for (Table t : s.tables()) {
        table++;
        htmlTable(out, t, table);
      }
      for (Section.Listing l : s.listings()) {
        out.append("<figure class=\"listing\"><figcaption>")
            .append(HTML.escape(l.caption()))
            .append("</figcaption>\n<pre><code>")
            .append(HTML.escape(l.text()))
            .append("</code></pre></figure>\n");
      }
      out.append("</section>\n");
    }
    out.append(
            "</main>\n<footer>Made by einstruct. Every number here is also in report.json "
                + "and tables/*.csv.</footer>\n<script>")
        .append(ReportStyle.SCRIPT)
        .append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void htmlTable(StringBuilder out, Table t, int number) {
    out.append("<div class=\"table\"><table class=\"sortable\" id=\"table-")
        .append(HTML.escape(t.id()))
        .append("\">\n<caption><strong>Table ")
        .append(number)
        .append(". ")
        .append(HTML.escape(t.title()))
        .append(".</strong> ")
        .append(HTML.escape(t.caption()))
        .append("</caption>\n<thead><tr>");
    for (String c : t.columns()) {
      out.append("<th scope=\"col\">").append(HTML.escape(c)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<Object> row : t.rows()) {
      out.append("<tr>");
      for (Object cell : row) {
        if (cell instanceof Number n) {
          out.append("<td class=\"num\" data-value=\"")
              .append(n.doubleValue())
              .append("\">")
              .append(HTML.escape(format(n)))
              .append("</td>");
        } else {
          out.append("<td>")
              .append(cell == null ? "–" : HTML.escape(cell.toString()))
              .append("</td>");
        }
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table></div>\n");
  }

  /** The Markdown report, charts referenced from {@code charts/}. */
  static String markdown(Report report) {
    StringBuilder out = new StringBuilder();
    out.append("# ")
        .append(md(report.title()))
        .append("\n\n")
        .append(md(report.subtitle()))
        .append("\n\n");
    int figure = 0;
    int table = 0;
    for (Section s : report.sections()) {
      out.append("## ").append(md(s.title())).append("\n\n");
      for (String p : s.text()) {
        out.append(md(p)).append("\n\n");
      }
      for (Figure f : s.figures()) {
        figure++;
        out.append("![Figure ")
            .append(figure)
            .append(": ")
            .append(md(f.title()))
            .append("](charts/")
            .append(f.id())
            .append(".svg)\n\n*Figure ")
            .append(figure)
            .append(". ")
            .append(md(f.title()))
            .append(".* ")
            .append(md(f.caption()))
            .append("\n\n");
      }
      for (Table t : s.tables()) {
        table++;
        out.append("*Table ")
            .append(table)
            .append(". ")
            .append(md(t.title()))
            .append(".* ")
            .append(md(t.caption()))
            .append(" (CSV: tables/")
            .append(t.id())
            .append(".csv)\n\n| ");
        out.append(String.join(" | ", t.columns().stream().map(ReportWriter::cell).toList()))
            .append(" |\n|");
        t.columns().forEach(c -> out.append(" --- |"));
        out.append('\n');
        for (List<Object> row : t.rows()) {
          out.append("| ")
              .append(
                  String.join(
                      " | ",
                      row.stream()
                          .map(
                              c ->
                                  c instanceof Number n
                                      ? format(n)
                                      : cell(c == null ? "–" : c.toString()))
                          .toList()))
              .append(" |\n");
        }
        out.append('\n');
      }
      for (Section.Listing l : s.listings()) {
        String fence = l.text().contains("```") ? "~~~~" : "```";
        out.append("*")
            .append(md(l.caption()))
            .append("*\n\n")
            .append(fence)
            .append('\n')
            .append(l.text().strip())
            .append('\n')
            .append(fence)
            .append("\n\n");
      }
    }
    return out.toString();
  }

  private static Map<String, Object> json(Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", 1);
    root.put("title", report.title());
    root.put("subtitle", report.subtitle());
    List<Map<String, Object>> tables = new ArrayList<>();
    for (Table t : report.tables()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", t.id());
      m.put("title", t.title());
      m.put("caption", t.caption());
      m.put("columns", t.columns());
      m.put("rows", t.rows());
      tables.add(m);
    }
    root.put("tables", tables);
    List<Map<String, Object>> figures = new ArrayList<>();
    for (Figure f : report.figures()) {
      figures.add(
          Map.of(
              "id",
              f.id(),
              "title",
              f.title(),
              "caption",
              f.caption(),
              "file",
              "charts/" + f.id() + ".svg"));
    }
    root.put("figures", figures);
    root.put("data", report.data());
    return root;
  }

  private static String csv(Table t) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    t.columns().forEach(schema::addColumn);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (List<Object> row : t.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        m.put(t.columns().get(i), row.get(i));
      }
      rows.add(m);
    }
    return new CsvMapper().writer(schema.build()).writeValueAsString(rows);
  }

  /** Numbers as people read them: integers with separators, reals to 4 significant digits. */
  static String format(Number n) {
    if (n instanceof Long || n instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", n.longValue());
    }
    double v = n.doubleValue();
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v != 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** Markdown text with HTML and Markdown's own specials made literal. */
  static String md(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("`", "\\`");
  }

  private static String cell(String s) {
    return md(s).replace("|", "\\|").replace("\n", " ");
  }

  private static void put(Path path, String text) throws IOException {
    AtomicFiles.write(path, text.getBytes(StandardCharsets.UTF_8));
  }
}
