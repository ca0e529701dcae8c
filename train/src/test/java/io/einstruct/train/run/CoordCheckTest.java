package io.einstruct.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.TinyData;
import io.einstruct.train.tf.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordCheckTest {
  @TempDir Path dir;

  /**
   * Kronecker factors are √d × √d, so with naive rates their updates move the features less and
   * less as the width grows; μP's multipliers keep the movement level.
   */
  @Test
  void muPKeepsFeatureUpdatesLevelWhereNaiveRatesShrinkThem() throws IOException {
    Path data = TinyData.mnistLike(dir, 256, 32, 5);
    TrainConfig base =
        TrainConfig.defaults()
            .with(TestModels.model("mlp", "kron", List.of(), 16, 2, 4, 16, null))
            .with(DataConfig.defaults().withSource(DataSource.parse("mnist:" + data)))
            .with(new RunConfig(1, 0, 64, 0, 0, 1, 1, Device.CPU));
    List<Integer> widths = List.of(16, 64, 256);
    List<CoordPoint> points = new CoordCheck(Library.builtIns()).run(base, widths, 4, w -> {});
    assertThat(points).hasSize(3 * 2 * 4);
    double[] mup = widths.stream().mapToDouble(w -> CoordCheck.mean(points, w, "mup")).toArray();
    double[] naive =
        widths.stream().mapToDouble(w -> CoordCheck.mean(points, w, "naive")).toArray();
    assertThat(naive[1]).isLessThan(naive[0]);
    assertThat(naive[2]).isLessThan(naive[1]);
    double mupSpread = max(mup) / min(mup);
    double naiveSpread = naive[0] / naive[2];
    assertThat(mupSpread).isLessThan(3.0);
    assertThat(mupSpread).isLessThan(naiveSpread);
  }

  /** The coordinate check runs on transformers too: a GPT on generated text. */
  @Test
  void checksAGpt() throws IOException {
    Path text =
        java.nio.file.Files.writeString(dir.resolve("t.txt"), "the quick brown fox ".repeat(300));
    TrainConfig base =
        TrainConfig.defaults()
            .with(
                TestModels.model(
                    "gpt",
                    "btt",
                    List.of(),
                    16,
                    1,
                    2,
                    16,
                    new TransformerConfig(2, 0, "same", List.of(), 0, 2)))
            .with(DataConfig.defaults().withSource(DataSource.parse("text:" + text)).withContext(8))
            .with(new RunConfig(1, 0, 8, 0, 0, 1, 1, Device.CPU));
    List<CoordPoint> points =
        new CoordCheck(Library.builtIns()).run(base, List.of(16, 32), 3, w -> {});
    assertThat(points).hasSize(2 * 2 * 3);
    // after the first step the features move: zero-initialised outputs have been updated
    assertThat(points).filteredOn(p -> p.step() > 1).allMatch(p -> p.deltaRms() > 0);
    assertThat(points).allMatch(p -> Double.isFinite(p.deltaRms()));
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElseThrow();
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElseThrow();
  }
}
