package io.einstruct.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.train.run.DataSource;
import io.einstruct.train.run.TrainConfig;
import io.einstruct.train.run.TrainListener;
import io.einstruct.train.run.Trainer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of train runs, as Chromium shows it. */
class RunReportTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  @Test
  void twoRunsRenderWithEveryChartTheirTooltipsAndNoConsoleError() throws Exception {
    TrainConfig base = TrainConfig.defaults();
    base =
        base.with(base.data().withSource(DataSource.parse("teacher")))
            .with(base.model().withWidth(16))
            .with(base.run().withSteps(6).withThreads(1));
    for (long seed : new long[] {0, 1}) {
      new Trainer(LIBRARY, TrainListener.NONE)
          .start(base.with(base.run().withSeed(seed)), dir.resolve("runs").resolve("seed" + seed));
    }
    Report report = RunReport.build(RunReport.runs(List.of(dir.resolve("runs"))));
    Path index = ReportWriter.write(report, dir.resolve("report"));
    Chromium.Output dom = Chromium.load(index, dir.resolve("profile"), "--dump-dom");
    assertThat(dom.console()).as(dom.stderr()).isEmpty();
    int charts = report.figures().size();
    assertThat(charts).isEqualTo(4);
    Matcher figure =
        Pattern.compile("<figure class=\"chart\"(.*?)</figure>", Pattern.DOTALL)
            .matcher(dom.stdout());
    int seen = 0;
    while (figure.find()) {
      seen++;
      // each run's curve carries its name into the tooltips
      assertThat(figure.group(1)).contains("<title>seed0\n", "<title>seed1\n");
    }
    assertThat(seen).isEqualTo(charts);
    Path png = dir.resolve("shot.png");
    Chromium.load(index, dir.resolve("profile2"), "--window-size=1200,1800", "--screenshot=" + png);
    BufferedImage image = ImageIO.read(png.toFile());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).hasSizeGreaterThan(20);
  }
}
