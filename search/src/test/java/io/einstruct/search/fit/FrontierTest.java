package io.einstruct.search.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrontierTest {
  @Test
  void keepsTheDescendingLowerHullAndPointsWithinFivePercent() {
    List<FitPoint> points =
        List.of(
            new FitPoint(1, 10),
            new FitPoint(10, 4.4),
            new FitPoint(10, 8),
            new FitPoint(100, 2),
            new FitPoint(100, 2.05),
            new FitPoint(100, 2.2),
            new FitPoint(1000, 2.5),
            new FitPoint(30, 6));
    assertThat(Frontier.of(points, 0, 0.05))
        .containsExactly(
            new FitPoint(1, 10),
            new FitPoint(10, 4.4),
            new FitPoint(100, 2),
            new FitPoint(100, 2.05));
  }

  @Test
  void subtractsTheOffsetAndDropsWhatIsBelowIt() {
    List<FitPoint> points =
        List.of(
            new FitPoint(1, 1.5),
            new FitPoint(10, 1.2),
            new FitPoint(100, 1.1),
            new FitPoint(1000, 0.9));
    assertThat(Frontier.of(points, 1.0, 0.05))
        .extracting(FitPoint::flops)
        .containsExactly(1.0, 10.0, 100.0);
  }
}
