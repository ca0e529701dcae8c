package io.einstruct.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private static final String EVIL = "<script>alert(1)</script>";

  @TempDir Path dir;

  static Report evilReport() {
    String svg =
        new CurvesChart("loss of " + EVIL, "x", "y", true, true)
            .linePoints(EVIL, 0, new double[] {1, 10, 100}, new double[] {3, 2, 1})
            .svg("evil-chart", 600, 400);
    Figure figure = new Figure("evil-chart", "Chart of " + EVIL, "caption " + EVIL, svg);
    Table table =
        new Table(
            "evil-table",
            "Table of " + EVIL,
            "caption | " + EVIL,
            List.of("structure", "value"),
            List.of(List.of(EVIL, 1.5), List.of("b|c", 2L)));
    Section section =
        new Section(
            "s", "Section " + EVIL, List.of("text " + EVIL), List.of(figure), List.of(table));
    return new Report("Report " + EVIL, "about " + EVIL, List.of(section), Map.of("k", EVIL));
  }

  @Test
  void escapesEveryUserStringInHtmlSvgAndMarkdown() throws Exception {
    Path index = ReportWriter.write(evilReport(), dir);
    String html = Files.readString(index);
    assertThat(html).doesNotContain(EVIL).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).containsOnlyOnce("<script>");
    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md)
        .doesNotContain(EVIL)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("| b\\|c | 2 |");
    assertThat(Files.readString(dir.resolve("charts/evil-chart.svg"))).doesNotContain(EVIL);
    assertThat(Files.readString(dir.resolve("tables/evil-table.csv")))
        .startsWith("structure,value\n\"<script>alert(1)</script>\",1.5\n");
    assertThat(Files.readString(dir.resolve("report.json")))
        .contains("\"format_version\" : 1")
        .contains("\"file\" : \"charts/evil-chart.svg\"");
  }

  @Test
  void aScriptNamedStructureRendersAsTextInChromium() throws Exception {
    Path index = ReportWriter.write(evilReport(), dir);
    Chromium.Output out = Chromium.load(index, dir.resolve("profile"), "--dump-dom");
    assertThat(out.console()).as(out.stderr()).isEmpty();
    assertThat(out.stdout()).contains("Section &lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void theConsoleCheckCatchesAScriptError() throws Exception {
    Path page = dir.resolve("broken.html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><body><script>undefinedFunction();</script>" + "</body></html>");
    Chromium.Output out = Chromium.load(page, dir.resolve("profile"), "--dump-dom");
    assertThat(out.console()).isNotEmpty();
  }

  @Test
  void rerunningReplacesTheReport() throws Exception {
    ReportWriter.write(evilReport(), dir);
    Report other = new Report("Second", "again", List.of(), Map.of());
    ReportWriter.write(other, dir);
    assertThat(Files.readString(dir.resolve("index.html"))).contains("<h1>Second</h1>");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .isEmpty();
    }
  }

  @Test
  void formatsNumbersForReading() {
    assertThat(ReportWriter.format(1234567L)).isEqualTo("1,234,567");
    assertThat(ReportWriter.format(0.12345)).isEqualTo("0.1235");
    assertThat(ReportWriter.format(2.5e12)).isEqualTo("2.500e+12");
    assertThat(new CompactNumberFormat().format(3.1623e9)).isEqualTo("3.16e9");
    assertThat(new CompactNumberFormat().format(1e10)).isEqualTo("1e10");
    assertThat(new CompactNumberFormat().format(0.891)).isEqualTo("0.891");
  }
}
