package io.einstruct.search.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.search.store.MetricRow;
import io.einstruct.train.run.EvalPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerLawFitTest {
  /**
   * Training curves of 20 model sizes, each L_i(C) = f_i · (1 + C_i / C) with f_i = A · C_i^−α on
   * C_i spaced by 10^0.25, sampled 20 times each from C_i / 3 to 10 C_i with 1% multiplicative
   * noise: a family whose frontier follows C^−α.
   */
  static List<FitPoint> curves(double alpha, double offset, long seed) {
    Random random = new Random(seed);
    List<FitPoint> points = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      double ci = Math.pow(10, 10 + 0.25 * i);
      double floor = 3 * Math.pow(ci, -alpha) * Math.pow(1e10, alpha);
      for (int k = 0; k < 20; k++) {
        double c = ci * Math.pow(10, -0.5 + 1.5 * k / 19.0);
        double loss = floor * (1 + ci / c);
        points.add(new FitPoint(c, offset + loss * Math.exp(0.01 * random.nextGaussian())));
      }
    }
    return points;
  }

  @ParameterizedTest(name = "α = {0}, L0 = {1}, seed {2}")
  @CsvSource({"0.2, 0, 1", "0.35, 0, 2", "0.5, 0, 3", "0.3, 0.25, 4", "0.15, 0, 5"})
  void recoversTheExponentFromNoisyCurves(double alpha, double offset, long seed) {
    List<FitPoint> frontier = Frontier.of(curves(alpha, offset, seed), offset, 0.05);
    PowerLaw law = PowerLawFit.fit(frontier, offset, seed);
    assertThat(law.alpha()).isCloseTo(alpha, within(0.02));
    assertThat(law.alphaStdErr()).isLessThan(0.02);
    assertThat(law.alphaLow()).isLessThanOrEqualTo(law.alpha());
    assertThat(law.alphaHigh()).isGreaterThanOrEqualTo(law.alpha());
    assertThat(law.rSquared()).isGreaterThan(0.95);
  }

  @Test
  void predictsAndInvertsTheLaw() {
    PowerLaw law = new PowerLaw(0.5, 0, 0, 0, Math.log(2), 1, 3, 1);
    assertThat(law.at(100)).isCloseTo(1 + 2 * 0.1, within(1e-12));
    assertThat(law.flopsFor(1.2)).isCloseTo(100, within(1e-9));
    assertThat(law.flopsFor(0.9)).isNaN();
  }

  /** A structure whose curves are dense's shifted to a third of the compute saves 3×. */
  @Test
  void measuresTheComputeMultiplierAgainstDense() {
    List<MetricRow> rows = new ArrayList<>();
    int trial = 0;
    for (FitPoint p : curves(0.3, 0, 7)) {
      rows.add(row(trial, "dense", p.flops(), p.value()));
      rows.add(row(trial + 1000, "btt", p.flops() / 3, p.value()));
    }
    List<StructureFit> fits = ScalingLaws.fit(rows, ScalingLaws.Metric.TRAIN_LOSS, 0, 1);
    assertThat(fits).extracting(StructureFit::label).containsExactly("dense", "btt");
    assertThat(fits.get(0).multiplier()).isCloseTo(1.0, within(0.15));
    assertThat(fits.get(1).multiplier()).isCloseTo(3.0, within(0.4));
    assertThat(fits.get(1).law().alpha()).isCloseTo(0.3, within(0.02));
  }

  /**
   * On the non-embedding axis the head's share of each trial's compute is left out: when dense's
   * head costs half its compute and btt's nothing, btt's 3× saving becomes 1.5×; α stays.
   */
  @Test
  void fitsOnComputeWithoutTheHead() {
    List<MetricRow> rows = new ArrayList<>();
    for (FitPoint p : curves(0.3, 0, 7)) {
      rows.add(withHead(row(0, "dense", p.flops(), p.value()), 0.5));
      rows.add(withHead(row(1, "btt", p.flops() / 3, p.value()), 0));
      rows.add(row(2, "unknown", p.flops(), p.value()));
    }
    List<StructureFit> fits =
        ScalingLaws.fit(rows, ScalingLaws.Metric.TRAIN_LOSS, ComputeAxis.NON_EMBEDDING, 0, 1);
    assertThat(fits).extracting(StructureFit::label).containsExactly("dense", "btt");
    assertThat(fits.get(1).multiplier()).isCloseTo(1.5, within(0.2));
    assertThat(fits.get(1).law().alpha()).isCloseTo(0.3, within(0.02));
    assertThat(ComputeAxis.parse("Non-Embedding")).isEqualTo(ComputeAxis.NON_EMBEDDING);
  }

  /**
   * A structure 3× cheaper in FLOPs whose FLOPs take twice as long as dense's is 1.5× better
   * against seconds, not 3×; one whose FLOPs take 6× as long loses 2×.
   */
  @Test
  void ranksBySecondsBesideFlops() {
    List<MetricRow> rows = new ArrayList<>();
    for (FitPoint p : curves(0.3, 0, 7)) {
      // dense: one second per 1e9 FLOPs; btt: 3× fewer FLOPs at 2× the seconds per FLOP
      rows.add(timed(row(0, "dense", p.flops(), p.value()), p.flops() / 1e9));
      rows.add(timed(row(1, "btt", p.flops() / 3, p.value()), 2 * p.flops() / 3 / 1e9));
      rows.add(timed(row(2, "slow", p.flops() / 3, p.value()), 6 * p.flops() / 3 / 1e9));
    }
    List<DualFit> fits =
        ScalingLaws.fitBoth(rows, ScalingLaws.Metric.TRAIN_LOSS, ComputeAxis.TOTAL, 0, 1);
    assertThat(fits).extracting(DualFit::label).containsExactly("dense", "btt", "slow");
    assertThat(fits.get(1).compute().multiplier()).isCloseTo(3.0, within(0.4));
    assertThat(fits.get(1).seconds().multiplier()).isCloseTo(1.5, within(0.2));
    assertThat(fits.get(2).seconds().multiplier()).isCloseTo(0.5, within(0.07));
    assertThat(fits.get(2).seconds().law().alpha()).isCloseTo(0.3, within(0.02));
  }

  private static MetricRow timed(MetricRow r, double seconds) {
    EvalPoint p = r.point();
    return new MetricRow(
        r.trial(),
        r.label(),
        r.width(),
        r.lr(),
        r.seed(),
        new EvalPoint(
            p.step(),
            p.epoch(),
            p.samples(),
            p.trainLoss(),
            p.trainError(),
            p.testLoss(),
            p.testError(),
            p.flops(),
            seconds,
            p.lr(),
            p.auxLoss(),
            p.routerPerplexity(),
            p.routerSpread()),
        r.headShare());
  }

  private static MetricRow withHead(MetricRow r, double share) {
    return new MetricRow(r.trial(), r.label(), r.width(), r.lr(), r.seed(), r.point(), share);
  }

  private static MetricRow row(int trial, String label, double flops, double loss) {
    return new MetricRow(
        trial,
        label,
        64,
        1e-3,
        0,
        new EvalPoint(1, 1, 1, loss, null, loss, null, flops, 1, 1e-3, null, null, null));
  }
}
