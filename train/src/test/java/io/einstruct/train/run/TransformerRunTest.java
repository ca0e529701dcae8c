package io.einstruct.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.TinyData;
import io.einstruct.train.tf.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transformers end to end: configuration, data, training, metrics. */
class TransformerRunTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  /** A few kilobytes of English-like text: words drawn from a small vocabulary. */
  private Path corpus() throws IOException {
    String[] words = {"the", "model", "learns", "a", "structured", "matrix", "of", "tokens", "."};
    SplittableRandom random = new SplittableRandom(4);
    StringBuilder text = new StringBuilder();
    while (text.length() < 20_000) {
      text.append(words[random.nextInt(words.length)]).append(' ');
    }
    return Files.writeString(dir.resolve("corpus.txt"), text);
  }

  private TrainConfig gpt(String structure, List<String> params, int experts, Path text) {
    TrainConfig d = TrainConfig.defaults();
    return d.with(
            TestModels.model(
                "gpt",
                structure,
                params,
                16,
                1,
                2,
                16,
                new TransformerConfig(2, 0, "same", List.of(), experts, 2)))
        .with(d.data().withSource(DataSource.parse("text:" + text)).withContext(16))
        .with(
            new OptimConfig(
                OptimizerKind.ADAM, 1e-2, 0.9, 0.999, 1e-8, 0, 0, ScheduleKind.COSINE, 2, 1.0))
        .with(new RunConfig(1, 12, 8, 3, 6, 1, 1, Device.CPU));
  }

  @Test
  void trainsAGptOnTextFilesAndLogsRouters() throws IOException {
    Path text = corpus();
    RunSummary summary =
        new Trainer(LIBRARY, TrainListener.NONE)
            .start(gpt("btt_moe", List.of("experts=4", "k=2"), 0, text), dir.resolve("moe"));
    assertThat(summary.status()).isEqualTo("done");
    List<EvalPoint> points = new MetricsLog(dir.resolve("moe").resolve(Trainer.METRICS)).read();
    assertThat(points).extracting(EvalPoint::step).containsExactly(6L, 12L);
    EvalPoint last = points.get(1);
    // next-byte loss starts at ln 256 = 5.55 and falls fast on a nine-word vocabulary
    assertThat(last.testLoss()).isLessThan(4.0);
    assertThat(last.testError()).isBetween(0.0, 1.0);
    assertThat(last.routerPerplexity()).isBetween(1.0, 4.0);
    assertThat(last.routerSpread()).isBetween(1.0, 4.0);
    assertThat(last.auxLoss()).isPositive();
    assertThat(summary.model().tokens()).isEqualTo(16);
    // FLOPs count every token of every sequence
    assertThat(last.flops()).isEqualTo(6.0 * summary.model().forwardMacs() * 12 * 8);
  }

  @Test
  void comparesTheStandardMixtureInTheSameWay() throws IOException {
    RunSummary summary =
        new Trainer(LIBRARY, TrainListener.NONE)
            .start(gpt("dense", List.of(), 4, corpus()), dir.resolve("std"));
    EvalPoint last = summary.last();
    assertThat(last.routerPerplexity()).isBetween(1.0, 4.0);
    assertThat(summary.model().layers())
        .extracting(l -> l.name())
        .contains("blocks.0.ffn.router", "blocks.0.ffn.experts.3.fc2");
  }

  @Test
  void trainsAVitOnImages() throws IOException {
    Path data = TinyData.mnistLike(dir.resolve("images"), 256, 64, 2);
    TrainConfig d = TrainConfig.defaults();
    TrainConfig c =
        d.with(
                TestModels.model(
                    "vit",
                    "monarch",
                    List.of(),
                    16,
                    1,
                    2,
                    16,
                    new TransformerConfig(2, 4, "dense", List.of(), 0, 2)))
            .with(d.data().withSource(DataSource.parse("mnist:" + data)))
            .with(
                new OptimConfig(
                    OptimizerKind.ADAM,
                    1e-2,
                    0.9,
                    0.999,
                    1e-8,
                    0,
                    0,
                    ScheduleKind.CONSTANT,
                    0,
                    1.0))
            .with(new RunConfig(2, 0, 32, 0, 0, 1, 1, Device.CPU));
    RunSummary summary = new Trainer(LIBRARY, TrainListener.NONE).start(c, dir.resolve("vit"));
    assertThat(summary.last().testError()).isLessThan(0.75);
    assertThat(summary.model().tokens()).isEqualTo(5);
    assertThat(summary.model().layers())
        .filteredOn(l -> l.name().equals("blocks.0.attn.q"))
        .extracting(l -> l.structure())
        .containsExactly("dense");
    assertThat(summary.model().layers())
        .filteredOn(l -> l.name().equals("blocks.0.ffn.fc1"))
        .extracting(l -> l.structure())
        .containsExactly("monarch");
  }

  @Test
  void refusesDataTheModelCannotRead() throws IOException {
    Path text = corpus();
    TrainConfig mlpOnText =
        gpt("dense", List.of(), 0, text).with(ModelConfig.defaults().withWidth(16));
    assertThatThrownBy(
            () -> new Trainer(LIBRARY, TrainListener.NONE).start(mlpOnText, dir.resolve("a")))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("needs a gpt model, got mlp");
    TrainConfig gptOnImages =
        gpt("dense", List.of(), 0, text)
            .with(DataConfig.defaults().withSource(DataSource.parse("teacher")));
    assertThatThrownBy(
            () -> new Trainer(LIBRARY, TrainListener.NONE).start(gptOnImages, dir.resolve("b")))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("needs text data");
  }
}
