package io.einstruct.dsl.count;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountsTest {
  private static final Library LIBRARY = Library.builtIns();

  private static Structure bind(String name, String param, int value, int dIn, int dOut) {
    Map<String, Number> args = new LinkedHashMap<>();
    args.put("d_in", dIn);
    args.put("d_out", dOut);
    if (param != null) {
      args.put(param, value);
    }
    return LIBRARY.find(name).orElseThrow().bind(Args.of(args));
  }

  /** compute-better-spent notes §1.8, square d = 4096 (√d = 64), r = 4, b = 4, k = 64. */
  @ParameterizedTest(name = "{0} {1}={2}: params {3}, MACs {4}")
  @CsvSource(
      delimiter = ';',
      value = {
        "dense; ; 0; 16777216; 16777216", // d², d²
        "lowrank; rank; 64; 524288; 524288", // 2dk
        "kron; ; 0; 8192; 524288", // 2d, 2d^1.5
        "tt; rank; 4; 32768; 2097152", // 2rd, 2rd^1.5
        "monarch; blocks; 4; 8388608; 8388608", // 2d²/b
        "btt; rank; 4; 2097152; 2097152", // 2rd^1.5 both
        "btt3; ; 0; 196608; 196608" // 3 d^(4/3) at r = 1
      })
  void squareCountsMatchTheClosedForms(
      String name, String param, int value, long params, long macs) {
    Counts c = Counts.of(bind(name, param, value, 4096, 4096));
    assertThat(c.params()).isEqualTo(params);
    assertThat(c.macs()).isEqualTo(macs);
    assertThat(c.denseMacs()).isEqualTo(macs);
    assertThat(c.routerParams()).isZero();
  }

  /**
   * Monarch on rectangular layers, as fly's MonarchLinear (compute-better-spent's Monarch): the
   * intermediate is min(d_in, d_out) wide, so params = MACs = min(d_in, d_out)·(d_in + d_out)/b.
   */
  @ParameterizedTest(name = "monarch {0} -> {1}, b = {2}: {3}")
  @CsvSource({
    "1024, 4096, 4, 1310720",
    "4096, 1024, 4, 1310720",
    "1024, 1024, 4, 524288",
    "768, 3072, 16, 184320",
    "3072, 768, 16, 184320"
  })
  void monarchCountsTheReferenceIntermediateWidth(int dIn, int dOut, int b, long expected) {
    Counts c = Counts.of(bind("monarch", "blocks", b, dIn, dOut));
    assertThat(c.params()).isEqualTo(expected);
    assertThat(c.macs()).isEqualTo(expected);
  }

  /**
   * The per-layer dense MoE: E whole matrices, k of them applied per input, plus the router; the
   * plan keeps the expert index in the step's result so that the gates can weight it.
   */
  @Test
  void denseMoeCountsTheChosenSlicesAndTheRouter() {
    Structure s = bind("dense_moe", "experts", 8, 1024, 4096);
    Counts c = Counts.of(s);
    assertThat(c.params()).isEqualTo(8L * 1024 * 4096 + 1024 * 8);
    assertThat(c.denseMacs()).isEqualTo(8L * 1024 * 4096);
    assertThat(c.macs()).isEqualTo(2L * 1024 * 4096 + 1024 * 8);
    var step = io.einstruct.dsl.plan.Planner.chain(s, 1).steps().get(0);
    assertThat(step.result().indices()).containsExactly("#n", "o", "e");
    assertThat(io.einstruct.dsl.plan.Planner.plan(s, 64).chainOrder()).isTrue();
  }

  /** einsum-search §4: d = 1024 -> 4096, E = 8, k = 2: (|A| + |B|)·k/E plus d_in·E. */
  @Test
  void bttMoeCountsTheChosenExpertsAndTheRouter() {
    Counts c = Counts.of(bind("btt_moe", "experts", 8, 1024, 4096));
    assertThat(c.params()).isEqualTo(524288 + 1048576 + 1024 * 8);
    assertThat(c.denseMacs()).isEqualTo(524288 + 1048576);
    assertThat(c.routerMacs()).isEqualTo(8192);
    assertThat(c.macs()).isEqualTo((524288 + 1048576) * 2 / 8 + 8192);
    assertThat(c.factorMacs()).isEqualTo(393216);
  }
}
