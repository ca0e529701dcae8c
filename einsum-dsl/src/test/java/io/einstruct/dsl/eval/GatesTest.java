package io.einstruct.dsl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GatesTest {
  @Test
  void softmaxesOverTheTopKOnly() {
    double[][] gates = Gates.topK(new double[][] {{0.0, 2.0, 1.0, -1.0}}, 2);
    double e = Math.exp(1);
    assertThat(gates[0][0]).isZero();
    assertThat(gates[0][1]).isCloseTo(e / (e + 1), within(1e-15));
    assertThat(gates[0][2]).isCloseTo(1 / (e + 1), within(1e-15));
    assertThat(gates[0][3]).isZero();
  }

  @Test
  void breaksTiesTowardsTheLowerIndexAsTopKDoes() {
    double[][] gates = Gates.topK(new double[][] {{0.0, 0.0, 0.0, 0.0}}, 2);
    assertThat(gates[0]).containsExactly(0.5, 0.5, 0.0, 0.0);
  }

  @Test
  void topOneIsAHardChoice() {
    double[][] gates = Gates.topK(new double[][] {{3.0, 5.0, 4.0}}, 1);
    assertThat(gates[0]).containsExactly(0.0, 1.0, 0.0);
  }
}
