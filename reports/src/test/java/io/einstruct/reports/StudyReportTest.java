package io.einstruct.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.search.Studies;
import io.einstruct.search.store.Stores;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.StudyExpander;
import io.einstruct.search.study.StudyFile;
import io.einstruct.search.worker.StudyRunner;
import io.einstruct.search.worker.WorkerListener;
import io.einstruct.search.worker.WorkerOptions;
import io.einstruct.taxonomy.Catalog;
import io.einstruct.train.run.CoordPoint;
import io.einstruct.train.run.StopRequest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyReportTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  /** A finished tiny study with an lr sweep, so that every section appears. */
  private TrialStore study() {
    String text =
        Studies.tiny(
                "report",
                """
          - builtin: dense
          - builtin: btt
        """,
                "8, 16, 32",
                "0")
            .replace("widths:", "lrs: [0.001, 0.003]\nwidths:");
    StudyFile f = Studies.parse("report.yaml", text, dir);
    TrialStore store = TrialStore.open(Stores.sqlite(dir), 3);
    long id = store.ensureStudy("report", f.source().text());
    store.addTrials(id, StudyExpander.expand(f, LIBRARY).trials());
    new StudyRunner(
            store, LIBRARY, WorkerOptions.defaults(1, dir), WorkerListener.NONE, new StopRequest())
        .run(id, "report", f.spec(), 1);
    return store;
  }

  @Test
  void opensInChromiumWithEveryChartAndNoConsoleError() throws Exception {
    Path index;
    Report report;
    try (TrialStore store = study()) {
      report = StudyReport.build(store, "report", LIBRARY);
      index = ReportWriter.write(report, dir.resolve("r"));
      // every trial says where it ran: one worker with one thread on this machine
      assertThat(store.trials("report"))
          .allSatisfy(
              t -> {
                assertThat(t.ranOn()).isNotNull();
                assertThat(t.ranOn().threads()).isEqualTo(1);
                assertThat(t.ranOn().workers()).isEqualTo(1);
              });
      assertThat(io.einstruct.search.store.RunEnvironment.mismatch(store.trials("report")))
          .isEmpty();
    }
    // loss against FLOPs and seconds, one learning-rate landscape per structure, and the
    // multipliers against dense when the frontiers overlap; the teacher task is a regression, so
    // there is no test error to chart
    assertThat(report.figures())
        .extracting(Figure::id)
        .contains("loss-vs-flops", "loss-vs-seconds", "lr-landscape-0", "lr-landscape-1")
        .doesNotContain("error-vs-flops");
    assertThat(report.tables().stream().filter(t -> t.id().equals("scaling-laws")).findFirst())
        .hasValueSatisfying(t -> assertThat(t.columns()).contains("α (s)", "× dense (s)"));
    int charts = report.figures().size();
    String html = Files.readString(index);
    // self-contained: nothing is fetched (SVG namespaces are names, not fetches)
    assertThat(html)
        .doesNotContain("src=\"http", "href=\"http", "<link", "@import", "url(http")
        .contains("<figcaption>")
        // the appendix: the study file and each structure's source, once, with its hash
        .contains("Appendix: the study and its structures", "The study file", "(SHA-256 ")
        // loss by size: one curve per structure, by width and by parameters
        .contains("Final training loss by width", "Final training loss by parameters");
    assertThat(count(html, "<figure class=\"listing\">")).isGreaterThanOrEqualTo(2);
    Chromium.Output dom = Chromium.load(index, dir.resolve("profile"), "--dump-dom");
    assertThat(dom.console()).as(dom.stderr()).isEmpty();
    assertThat(count(dom.stdout(), "<figure class=\"chart\"")).isEqualTo(charts);
    assertThat(count(dom.stdout(), "<svg")).isEqualTo(charts);
    assertThat(dom.stdout())
        .contains("id=\"table-scaling-laws\"", "id=\"table-structures\"", "id=\"table-trials\"");
    // every chart has hover tooltips, each inside the shape it describes; a trial's curve names
    // the trial's configuration
    List<String> figures = figures(dom.stdout());
    assertThat(figures).hasSize(charts);
    assertThat(figures).allSatisfy(f -> assertThat(f).contains("<title>"));
    String charted = String.join("", figures);
    assertThat(count(charted, "<title>")).isEqualTo(count(charted, "</title></path>"));
    assertThat(dom.stdout())
        .containsPattern("<title>trial \\d+: btt, width 32, lr 0\\.00[13], seed 0\n")
        .contains("<title>btt\ntraining FLOPs ");
    Path png = dir.resolve("shot.png");
    Chromium.load(index, dir.resolve("profile2"), "--window-size=1200,1800", "--screenshot=" + png);
    assertNotBlank(png);
  }

  @Test
  void taxonomyAndCoordCheckReportsRender() throws Exception {
    Report taxonomy = TaxonomyReport.build(Catalog.of(LIBRARY, 256), 256);
    assertThat(taxonomy.figures()).hasSize(1);
    assertThat(taxonomy.tables().get(0).rows()).hasSizeGreaterThan(700);
    List<CoordPoint> points = new ArrayList<>();
    for (int w : new int[] {16, 32}) {
      for (String p : new String[] {"mup", "naive"}) {
        points.add(new CoordPoint("btt", w, p, 1, p.equals("mup") ? 0.2 : 0.1 / w));
      }
    }
    Report coord = CoordCheckReport.build("btt", points, 1);
    assertThat(coord.tables().get(0).rows())
        .containsExactly(List.of(16, 0.2, 0.1 / 16), List.of(32, 0.2, 0.1 / 32));
    Path index = ReportWriter.write(taxonomy, dir.resolve("t"));
    Chromium.Output dom = Chromium.load(index, dir.resolve("profile"), "--dump-dom");
    assertThat(dom.console()).isEmpty();
    assertThat(count(dom.stdout(), "<figure class=\"chart\"")).isEqualTo(1);
    // a tooltip per point: the built-ins and the θ grid
    int known = (int) Catalog.of(LIBRARY, 256).stream().filter(e -> e.taxonomy().known()).count();
    assertThat(count(dom.stdout(), "</title></path>")).isEqualTo(known);
    assertThat(dom.stdout()).contains("<title>btt\nω = 0.000, ψ = 1.000");
  }

  @Test
  void noTextOfTheTaxonomyChartOverlapsAnotherAsChromiumLaysItOut() throws Exception {
    // six built-ins share (ω, ψ) = (0, 1): their labels used to print over one another
    String svg =
        Files.readString(
            ReportWriter.write(
                    TaxonomyReport.build(Catalog.of(LIBRARY, 256), 256), dir.resolve("t"))
                .resolveSibling("charts")
                .resolve("taxonomy.svg"));
    Path page = dir.resolve("overlaps.html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><body>"
            + svg
            + "<script>"
            + "const boxes = [...document.querySelectorAll('svg text')]"
            + "  .filter(t => t.textContent.trim()).map(t => [t.textContent, t.getBoundingClientRect()]);"
            + "const hits = [];"
            + "for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {"
            + "  const [a, p] = boxes[i], [b, q] = boxes[j];"
            + "  if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1"
            + "      && q.top < p.bottom - 1) hits.push(a + ' / ' + b);"
            + "}"
            + "document.body.setAttribute('data-texts', boxes.length);"
            + "document.body.setAttribute('data-overlaps', hits.join(' | ') || 'none');"
            + "</script></body></html>");
    Chromium.Output dom = Chromium.load(page, dir.resolve("profile"), "--dump-dom");
    assertThat(dom.console()).as(dom.stderr()).isEmpty();
    assertThat(dom.stdout())
        .contains("data-overlaps=\"none\"")
        .containsPattern("data-texts=\"\\d{2,}\"");
    assertThat(svg).contains(">dense, monarch, btt, btt3,<", ">kron, tt<");
  }

  /** Each {@code <figure class="chart">} of a page, up to its end. */
  private static List<String> figures(String html) {
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile("<figure class=\"chart\"(.*?)</figure>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** A screenshot of a real page has many colours, not one. */
  private static void assertNotBlank(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).isGreaterThan(50);
  }
}
