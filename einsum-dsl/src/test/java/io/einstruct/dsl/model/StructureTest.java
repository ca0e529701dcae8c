package io.einstruct.dsl.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructureTest {
  private static final Library LIBRARY = Library.builtIns();

  private static Structure bind(String name) {
    return LIBRARY.find(name).orElseThrow().bind(Args.of(Map.of("d_in", 64, "d_out", 64)));
  }

  @Test
  void bttFlowsContractProduceAndBatch() {
    Structure s = bind("btt");
    assertThat(s.chain()).extracting(Factor::name).containsExactly("R", "L");
    List<FactorFlow> flows = s.flows();
    FactorFlow r = flows.get(0);
    assertThat(r.in()).containsExactly("c", "d");
    assertThat(r.out()).containsExactly("c", "r", "b");
    assertThat(r.contracted()).containsExactly("d");
    assertThat(r.produced()).containsExactly("r", "b");
    assertThat(r.batch()).containsExactly("c");
    assertThat(r.shared()).isEmpty();
    FactorFlow l = flows.get(1);
    assertThat(l.contracted()).containsExactly("c", "r");
    assertThat(l.produced()).containsExactly("a");
    assertThat(l.batch()).containsExactly("b");
    assertThat(l.out()).containsExactly("b", "a");
  }

  @Test
  void kronSharesEachFactorAcrossTheOtherBlockIndex() {
    List<FactorFlow> flows = bind("kron").flows();
    assertThat(flows.get(0).shared()).containsExactly("c");
    assertThat(flows.get(0).batch()).isEmpty();
    assertThat(flows.get(1).shared()).containsExactly("b");
  }

  @Test
  void reportsSizesAndWidths() {
    Structure s = bind("monarch");
    assertThat(s.sizes())
        .containsExactly(
            Map.entry("g", 4),
            Map.entry("j", 4),
            Map.entry("i", 16),
            Map.entry("k", 4),
            Map.entry("o", 16));
    assertThat(s.xSize()).isEqualTo(64);
    assertThat(s.ySize()).isEqualTo(64);
    assertThat(s.factorParams()).isEqualTo(2 * 64 * 64 / 4);
    assertThat(s.route("g")).isEmpty();
  }
}
