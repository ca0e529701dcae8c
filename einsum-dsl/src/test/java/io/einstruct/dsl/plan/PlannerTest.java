package io.einstruct.dsl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.Matrices;
import io.einstruct.dsl.RandomStructures;
import io.einstruct.dsl.Sources;
import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.FactorValues;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Library LIBRARY = Library.builtIns();

  @Test
  void chainOfBttContractsRThenL() {
    Structure s =
        LIBRARY.find("btt").orElseThrow().bind(Args.of(Map.of("d_in", 64, "d_out", 64, "rank", 2)));
    ContractionPlan plan = Planner.chain(s, 8);
    assertThat(plan.chainOrder()).isTrue();
    assertThat(plan.steps())
        .extracting(PlanStep::einsum)
        .containsExactly("ncd,rbcd->ncrb", "ncrb,abcr->nab");
    assertThat(plan.steps())
        .extracting(PlanStep::macs)
        .containsExactly(8L * 8 * 8 * 2 * 8, 8L * 8 * 2 * 8 * 8);
    assertThat(plan.steps().get(0).resultSize()).isEqualTo(8L * 8 * 2 * 8);
    assertThat(plan.steps().get(0).result().name()).isEqualTo("t1");
    assertThat(plan.steps().get(1).result().name()).isEqualTo("y");
    assertThat(plan.macsPerVector()).isEqualTo(2 * 2 * 64 * 8.0);
  }

  /** Expand-then-contract with a large batch: multiplying the factors first is cheaper. */
  @Test
  void contractsFactorsFirstWhenTheBatchMakesItCheaper() {
    Structure s =
        Sources.bind(
            """
        structure wide(d_in, d_out) {
          dim o = d_out
          dim k = 64
          dim i = d_in
          y[o] = A[o, k] * B[k, i] * x[i]
        }
        """,
            Map.of("d_in", 4, "d_out", 4));
    ContractionPlan plan = Planner.plan(s, 1000);
    assertThat(plan.chainOrder()).isFalse();
    assertThat(plan.steps()).extracting(PlanStep::einsum).containsExactly("ki,ok->io", "ni,io->no");
    assertThat(plan.macs()).isEqualTo(4 * 64 * 4 + 1000 * 4 * 4);
    assertThat(plan.chainMacs()).isEqualTo(1000L * 64 * 4 * 2);
    assertThat(Planner.plan(s, 1).chainOrder()).isTrue();
  }

  @Test
  void keepsTheChainForRoutedStructures() {
    Structure s =
        LIBRARY.find("btt_moe").orElseThrow().bind(Args.of(Map.of("d_in", 16, "d_out", 16)));
    assertThat(Planner.plan(s, 100000).chainOrder()).isTrue();
  }

  @Test
  void spellsLongIndexNamesWithFreeLetters() {
    Structure s = LIBRARY.find("btt3").orElseThrow().bind(Args.of(Map.of("d_in", 64, "d_out", 64)));
    ContractionPlan plan = Planner.chain(s, 2);
    assertThat(plan.letters())
        .containsEntry("i1", 'i')
        .containsEntry("i2", 'a')
        .containsEntry("o1", 'o')
        .containsEntry("s", 's')
        .containsEntry(Planner.BATCH, 'n');
    assertThat(plan.steps().get(0).einsum()).isEqualTo("niab,tdiab->niatd");
  }

  @Test
  void greedyPlanForManyFactorsComputesTheSameResult() {
    Structure s = RandomStructures.chain(10, 42);
    assertThat(s.chain()).hasSize(10);
    checkPlanEqualsMatrix(s, 3, 7);
  }

  @Property(tries = 150)
  void everyPlanEqualsWTimesX(
      @ForAll @IntRange(min = 1, max = 5) int factors,
      @ForAll @IntRange(min = 1, max = 6) int batch,
      @ForAll long seed) {
    checkPlanEqualsMatrix(RandomStructures.chain(factors, seed), batch, seed);
  }

  @Property(tries = 300)
  void bestPlanNeverCostsMoreThanTheChain(
      @ForAll @IntRange(min = 1, max = 6) int factors,
      @ForAll @IntRange(min = 1, max = 4096) int batch,
      @ForAll long seed) {
    Structure s = RandomStructures.chain(factors, seed);
    ContractionPlan best = Planner.plan(s, batch);
    assertThat(best.macs()).isLessThanOrEqualTo(Planner.chain(s, batch).macs());
    assertThat(best.chainMacs()).isEqualTo(Planner.chain(s, batch).macs());
  }

  private static void checkPlanEqualsMatrix(Structure s, int batch, long seed) {
    Map<String, DoubleTensor> f = FactorValues.gaussian(s, seed, 1);
    double[][] x = new double[batch][s.dIn()];
    Random random = new Random(seed);
    for (double[] row : x) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextGaussian();
      }
    }
    double[][] expected = Matrices.applyRows(ReferenceEvaluator.materialize(s, f), x);
    ContractionPlan plan = Planner.plan(s, batch);
    Matrices.assertClose(ReferenceEvaluator.apply(s, f, x, plan, Map.of()), expected, 1e-10);
  }
}
