package io.einstruct.dsl.mup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MuPTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final int D = 1024;
  private static final double SQRT_D = 32;

  private static Structure bind(String name, String param, int value, int dIn, int dOut) {
    Map<String, Number> args = new LinkedHashMap<>();
    args.put("d_in", dIn);
    args.put("d_out", dOut);
    if (!param.isEmpty()) {
      args.put(param, value);
    }
    return LIBRARY.find(name).orElseThrow().bind(Args.of(args));
  }

  /**
   * The Adam learning-rate multipliers of compute-better-spent's table, square d = 1024 (√d = 32),
   * rank r = 4, b = 4 blocks. The first factor is the one that meets x first.
   */
  @ParameterizedTest(name = "{0}: κ = ({3}, {4})")
  @CsvSource(
      delimiter = ';',
      value = {
        // structure; param; value; κ of the factor applied first; κ of the second
        "lowrank; rank; 4; 0.5; " + D + "/8", // κ_V = 1/2, κ_U = d/2r
        "kron; ; 0; 16; 16", // √d/2 each
        "monarch; blocks; 4; 2; 2", // b/2 each
        "tt; rank; 4; 16; 4", // κ_R = √d/2, κ_L = √d/2r
        "btt; rank; 4; 16; 4", // κ_R = √d/2, κ_L = √d/2r
        "btt; rank; 1; 16; 16"
      })
  void adamMultipliersMatchThePaperTable(
      String name, String param, int value, String first, String second) {
    List<FactorMuP> mup =
        MuP.of(bind(name, param == null ? "" : param, value, D, D), Optimizer.ADAM, false);
    assertThat(mup).hasSize(2);
    assertThat(mup.get(0).lrMult()).isCloseTo(eval(first), within(1e-12));
    assertThat(mup.get(1).lrMult()).isCloseTo(eval(second), within(1e-12));
  }

  @Test
  void denseHasMultiplierOneAndTheDenseInit() {
    FactorMuP w = MuP.of(bind("dense", "", 0, 4 * 256, 256), Optimizer.ADAM, false).get(0);
    assertThat(w.lrMult()).isEqualTo(1.0);
    // dense 4d -> d: σ = (4d)^-1/2 / 2
    assertThat(w.initStd()).isCloseTo(1 / Math.sqrt(4 * 256) / 2, within(1e-15));
  }

  /** compute-better-spent notes §2.1: BTT square, rank r: σ_R = d^-1/4, σ_L = d^-1/4 / r. */
  @Test
  void bttInitScalesFollowTheSpectralRule() {
    List<FactorMuP> mup = MuP.of(bind("btt", "rank", 4, D, D), Optimizer.ADAM, false);
    assertThat(mup.get(0).factor()).isEqualTo("R");
    assertThat(mup.get(0).fanIn()).isEqualTo(32);
    assertThat(mup.get(0).fanOut()).isEqualTo(4 * 32);
    assertThat(mup.get(0).initStd()).isCloseTo(Math.pow(D, -0.25), within(1e-15));
    assertThat(mup.get(1).fanIn()).isEqualTo(4 * 32);
    assertThat(mup.get(1).fanOut()).isEqualTo(32);
    assertThat(mup.get(1).initStd()).isCloseTo(Math.pow(D, -0.25) / 4, within(1e-15));
  }

  /**
   * fly's MonarchLinear at 1024 -> 4096 with 4 blocks: R maps 256 -> 256 per block and L 256 ->
   * 1024, both at κ = (1024/256)/2 = 2; 4096 -> 1024 keeps R 1024 -> 256 and L 256 -> 256.
   */
  @ParameterizedTest(name = "monarch {0} -> {1}: R {2} -> {3}, L {4} -> {5}")
  @CsvSource({"1024, 4096, 256, 256, 256, 1024, 2, 2", "4096, 1024, 1024, 256, 256, 256, 2, 8"})
  void monarchFansFollowTheReference(
      int dIn, int dOut, long rIn, long rOut, long lIn, long lOut, double rKappa, double lKappa) {
    List<FactorMuP> mup = MuP.of(bind("monarch", "blocks", 4, dIn, dOut), Optimizer.ADAM, false);
    assertThat(mup.get(0).factor()).isEqualTo("R");
    assertThat(List.of(mup.get(0).fanIn(), mup.get(0).fanOut())).containsExactly(rIn, rOut);
    assertThat(List.of(mup.get(1).fanIn(), mup.get(1).fanOut())).containsExactly(lIn, lOut);
    assertThat(mup.get(0).lrMult()).isEqualTo(rKappa);
    assertThat(mup.get(1).lrMult()).isEqualTo(lKappa);
  }

  /** The notes' worked example: MLP linear1 1024 -> 4096 as BTT r = 1; both cores at κ = 16. */
  @Test
  void bttExpansionLayerOfTheWorkedExample() {
    List<FactorMuP> mup = MuP.of(bind("btt", "rank", 1, 1024, 4096), Optimizer.ADAM, true);
    for (FactorMuP f : mup) {
      assertThat(f.lrMult()).isEqualTo(16.0);
      assertThat(f.initStd()).isCloseTo(1 / Math.sqrt(32), within(1e-15));
    }
    assertThat(mup).extracting(FactorMuP::zeroInit).containsExactly(false, true);
  }

  @Test
  void lowRankInitMatchesTheNotes() {
    List<FactorMuP> mup = MuP.of(bind("lowrank", "rank", 16, D, D), Optimizer.ADAM, false);
    assertThat(mup.get(0).factor()).isEqualTo("V");
    assertThat(mup.get(0).initStd()).isCloseTo(Math.sqrt(16) / D, within(1e-15));
    assertThat(mup.get(1).initStd()).isCloseTo(1 / Math.sqrt(16), within(1e-15));
  }

  /** SGD: κ_i = ((fan_out / fan_in) / (d_out / d_in)) / k. */
  @Test
  void sgdMultipliersUseTheFanRatio() {
    List<FactorMuP> mup = MuP.of(bind("btt", "rank", 4, D, D), Optimizer.SGD, false);
    assertThat(mup.get(0).lrMult()).isCloseTo((4.0 * 32 / 32) / 2, within(1e-12));
    assertThat(mup.get(1).lrMult()).isCloseTo((32.0 / (4 * 32)) / 2, within(1e-12));
    FactorMuP dense = MuP.of(bind("dense", "", 0, 512, 128), Optimizer.SGD, false).get(0);
    assertThat(dense.lrMult()).isCloseTo(1.0, within(1e-12));
  }

  /** einsum-search §4: a routed index counts as size 1 in the fans ("pretend rank 1"). */
  @Test
  void routedIndexIsLeftOutOfTheFans() {
    List<FactorMuP> moe = MuP.of(bind("btt_moe", "experts", 8, 1024, 4096), Optimizer.ADAM, true);
    List<FactorMuP> btt = MuP.of(bind("btt", "rank", 1, 1024, 4096), Optimizer.ADAM, true);
    assertThat(moe).isEqualTo(btt);
  }

  @Test
  void onlyTheLastFactorOfAResidualOutputIsZeroInitialised() {
    List<FactorMuP> mup = MuP.of(bind("btt3", "", 0, 64, 64), Optimizer.ADAM, true);
    assertThat(mup).extracting(FactorMuP::zeroInit).containsExactly(false, false, true);
    assertThat(MuP.of(bind("btt3", "", 0, 64, 64), Optimizer.ADAM, false))
        .extracting(FactorMuP::zeroInit)
        .containsOnly(false);
  }

  private static double eval(String s) {
    String[] parts = s.split("/");
    return parts.length == 1
        ? Double.parseDouble(parts[0])
        : Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
  }
}
