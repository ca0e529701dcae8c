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
}
