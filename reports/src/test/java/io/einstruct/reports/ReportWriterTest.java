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
    // a value a hair under a power of ten is that power, never "10e9"
    assertThat(new CompactNumberFormat().format(9.99999e9)).isEqualTo("1e10");
    assertThat(new CompactNumberFormat().format(9.996e-5)).isEqualTo("1e-4");
    assertThat(new CompactNumberFormat().format(1000)).isEqualTo("1000");
    assertThat(new CompactNumberFormat().format(12.5)).isEqualTo("12.5");
    assertThat(new CompactNumberFormat().format(0.30000000000000004)).isEqualTo("0.3");
  }

  @Test
  void aLogAxisOverDecadesTicksAtPowersOfTen() {
    var wide = (org.jfree.chart.axis.LogAxis) CurvesChart.axis("FLOPs", true);
    CurvesChart.decades(wide, true, 2e8, 2e11);
    assertThat(wide.isAutoTickUnitSelection()).isFalse();
    assertThat(wide.getTickUnit().getSize()).isEqualTo(1.0); // one decade, in log space
    assertThat(wide.getMinorTickCount()).isEqualTo(9);
    var narrow = (org.jfree.chart.axis.LogAxis) CurvesChart.axis("loss", true);
    CurvesChart.decades(narrow, true, 0.3, 0.9);
    assertThat(narrow.isAutoTickUnitSelection()).isTrue();
    // and the chart still renders with it
    assertThat(
            new CurvesChart("t", "FLOPs", "loss", true, true)
                .linePoints("btt", 0, new double[] {2e8, 1e9, 2e11}, new double[] {0.9, 0.6, 0.3})
                .svg("decades", 600, 400))
        .startsWith("<svg");
  }

  @Test
  void aLogAxisUnderADecadeTicksAtRoundValues() {
    ReadableLogAxis axis = new ReadableLogAxis("loss");
    axis.setNumberFormatOverride(new CompactNumberFormat());
    axis.setRange(0.26, 0.8);
    var g2 =
        new java.awt.image.BufferedImage(10, 10, java.awt.image.BufferedImage.TYPE_INT_RGB)
            .createGraphics();
    List<?> ticks =
        axis.refreshTicks(
            g2,
            new org.jfree.chart.axis.AxisState(),
            new java.awt.Rectangle(0, 0, 600, 400),
            org.jfree.chart.ui.RectangleEdge.LEFT);
    assertThat(ticks)
        .extracting(t -> ((org.jfree.chart.axis.ValueTick) t).getText())
        .containsExactly("0.3", "0.4", "0.5", "0.6", "0.7", "0.8");
    assertThat(ReadableLogAxis.niceStep(0.09)).isEqualTo(0.1);
    assertThat(ReadableLogAxis.niceStep(0.013)).isEqualTo(0.02);
    assertThat(ReadableLogAxis.niceStep(3.1e6)).isEqualTo(5e6);
  }
}
