package io.einstruct.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.library.Library;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.model.MlpSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/** Each benchmark's setup, one call and teardown at tiny sizes; no timing. */
class BenchmarksTest {
  /** The structures {@link LayerBench} measures, read from its {@code @Param}. */
  static Stream<String> structures() throws NoSuchFieldException {
    return Arrays.stream(LayerBench.class.getField("structure").getAnnotation(Param.class).value());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("structures")
  void everyLayerBenchmarkRunsWithEveryLowering(String structure) {
    for (String lowering : List.of("einsum", "bmm", "auto")) {
      for (String order : List.of("planned", "chain")) {
        LayerBench b = new LayerBench();
        b.structure = structure;
        b.width = structure.endsWith("b=16") ? 256 : 64;
        b.batch = 8;
        b.lowering = lowering;
        b.order = order;
        b.threads = 1;
        b.setUp();
        try {
          b.fwd();
          b.fwdBwd();
        } finally {
          b.tearDown();
        }
      }
    }
  }

  @Test
  void namesStructuresAsTheTablesDo() {
    BenchStructure b = BenchStructure.parse("btt_moe E=8 k=2");
    assertThat(b.builtIn()).isEqualTo("btt_moe");
    assertThat(b.params()).containsExactly("experts=8", "k=2");
    assertThat(BenchStructure.parse("monarch b=16").bind(Library.builtIns(), 256).name())
        .isEqualTo("monarch");
  }

  @Test
  void comparesBttWithDenseAtEqualFlops() {
    MlpSpec dense = MlpStepBench.spec("dense");
    MlpSpec btt = MlpStepBench.spec("btt");
    assertThat(btt.width()).isGreaterThan(dense.width());
    double ratio =
        (double) btt.info(WeightNormOptions.OFF).forwardMacs()
            / dense.info(WeightNormOptions.OFF).forwardMacs();
    assertThat(ratio).isCloseTo(1.0, within(0.1));
    MlpStepBench step = new MlpStepBench();
    step.structure = "dense";
    step.batch = 16;
    step.setUp();
    try {
      assertThat(step.step()).isFinite();
    } finally {
      step.tearDown();
    }
  }

  @Test
  void plansTheDslFrontEnd() {
    DslBench b = new DslBench();
    b.structure = "btt_moe";
    b.setUp();
    assertThat(b.parseBindPlan().steps()).isNotEmpty();
  }

  @Test
  void countsFlopsAsTwiceTheMacsAndTheBackwardPassAsTwoForward() {
    // 1000 MACs per row, 10 rows, 1 ms: 2e4 FLOPs forward, 6e4 with the backward pass
    assertThat(BenchTable.gflops(1000, 10, false, 1.0)).isCloseTo(0.02, within(1e-12));
    assertThat(BenchTable.gflops(1000, 10, true, 1.0)).isCloseTo(0.06, within(1e-12));
  }

  @Test
  void tablesCompareEachStructureWithDenseMeasuredInTheSameRun() {
    String md =
        BenchTable.markdown(
            List.of(
                new BenchTable.Row("dense", 256, "fwd", 2.0, 100),
                new BenchTable.Row("btt r=1", 256, "fwd", 1.0, 25),
                new BenchTable.Row("btt r=1", 1024, "fwd", 4.0, 50)));
    String comparison = md.substring(md.indexOf("% of dense"));
    assertThat(comparison).contains("| btt r=1 | 256 | fwd | 25% | 0.50× |");
    // no dense at 1024 in this run: no ratio is made up for it
    assertThat(comparison).doesNotContain("| btt r=1 | 1024 |");
  }

  @Test
  void profilesAStepByPhaseAndKind() {
    String md = StepProfile.profile("btt", 16, 1, 1, 3, io.einstruct.train.compile.Lowering.AUTO);
    assertThat(md).contains("| forward: matmul |", "| backward: matmul |", "| optimiser: ");
  }

  /** The GPT models compare at equal FLOPs per token, and each takes a training step. */
  @Test
  void gptStepsCompareAtEqualFlopsPerToken() {
    double dense = GptStepBench.spec("dense").info(WeightNormOptions.OFF).macsPerToken();
    for (String m : List.of("btt", "btt_moe")) {
      double other = GptStepBench.spec(m).info(WeightNormOptions.OFF).macsPerToken();
      assertThat(other / dense).as(m).isCloseTo(1.0, within(0.15));
      assertThat(GptStepBench.spec(m).body().width()).as(m).isGreaterThan(GptStepBench.DENSE_WIDTH);
    }
    double moe = GptStepBench.spec("moe").info(WeightNormOptions.OFF).macsPerToken();
    double dense8 = GptStepBench.spec("dense8").info(WeightNormOptions.OFF).macsPerToken();
    assertThat(moe / dense8).isCloseTo(1.0, within(0.02));
    GptStepBench bench = new GptStepBench();
    bench.model = "moe";
    bench.sequences = 2;
    bench.setUp();
    try {
      assertThat(bench.step()).isFinite();
    } finally {
      bench.tearDown();
    }
  }
}
