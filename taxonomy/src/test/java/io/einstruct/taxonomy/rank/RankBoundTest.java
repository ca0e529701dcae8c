package io.einstruct.taxonomy.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.RandomStructures;
import io.einstruct.dsl.eval.FactorValues;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.taxonomy.theta.Theta;
import io.einstruct.taxonomy.theta.ThetaGrid;
import io.einstruct.taxonomy.theta.ThetaSpace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The min-cut bound equals the SVD rank of the materialised matrix for random factors. */
class RankBoundTest {
  private static final Library LIBRARY = Library.builtIns();

  @ParameterizedTest(name = "{0} {1}={2} at d_in {3}, d_out {4}")
  @CsvSource({
    "dense, , 0, 12, 20",
    "lowrank, rank, 3, 16, 16",
    "kron, , 0, 16, 36",
    "monarch, blocks, 2, 16, 16",
    "tt, rank, 2, 36, 36",
    "btt, rank, 1, 36, 36",
    "btt, rank, 2, 16, 16",
    "btt3, , 0, 64, 64",
    "btt3, r1, 2, 27, 27",
    "blockdiag, blocks, 4, 16, 16",
    "btt_moe, experts, 2, 36, 36"
  })
  void minCutEqualsSvdRankForBuiltIns(String name, String param, int value, int dIn, int dOut) {
    Map<String, Number> args = new LinkedHashMap<>(Map.of("d_in", dIn, "d_out", dOut));
    if (param != null) {
      args.put(param, value);
    }
    Structure s = LIBRARY.find(name).orElseThrow().bind(Args.of(args));
    assertRankBoundIsTight(s, 1);
  }

  @Test
  void lowRankBoundIsTheRank() {
    Structure s =
        LIBRARY
            .find("lowrank")
            .orElseThrow()
            .bind(Args.of(Map.of("d_in", 32, "d_out", 32, "rank", 5)));
    assertThat(RankBound.of(s)).isEqualTo(5);
    assertThat(RankBound.cut(s)).containsExactly("r");
  }

  @Test
  void minCutEqualsSvdRankAcrossTheThetaGrid() {
    Random random = new Random(3);
    List<Theta> grid = ThetaGrid.standard();
    int checked = 0;
    for (int n = 0; n < 150; n++) {
      Theta theta = grid.get(random.nextInt(grid.size()));
      Structure s;
      try {
        s = ThetaSpace.realize(theta, 64, 64);
      } catch (io.einstruct.dsl.EinError e) {
        continue;
      }
      if (s.xSize() != 64 || s.ySize() != 64) {
        // padding or truncation can only lower the rank below the bound of the core
        double[][] w = ReferenceEvaluator.materialize(s, FactorValues.gaussian(s, n, 1));
        assertThat((long) NumericalRank.of(w)).isLessThanOrEqualTo(RankBound.of(s));
        continue;
      }
      assertRankBoundIsTight(s, n);
      checked++;
    }
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  void minCutEqualsSvdRankForRandomChains() {
    for (int seed = 0; seed < 60; seed++) {
      assertRankBoundIsTight(RandomStructures.chain(1 + seed % 4, seed), seed);
    }
  }

  private static void assertRankBoundIsTight(Structure s, long seed) {
    double[][] w = ReferenceEvaluator.materialize(s, FactorValues.gaussian(s, seed, 1));
    assertThat(NumericalRank.of(w))
        .as("SVD rank of %s %s", s.name(), s.indices())
        .isEqualTo(RankBound.of(s));
  }
}
