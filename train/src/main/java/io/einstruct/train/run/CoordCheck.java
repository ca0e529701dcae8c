package io.einstruct.train.run;

import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.Batch;
import io.einstruct.train.data.BatchSource;
import io.einstruct.train.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The μP coordinate check of compute-better-spent §3.3: train the same model at several widths for
 * a few steps and measure, after every step, the RMS change of the last hidden activation (the
 * head's input) on a fixed probe batch. Under μP the change per step stays the same size as the
 * width grows; with naive rates (every factor at its layer's dense rate) it shrinks for structures
 * whose factors are much smaller than the layer.
 */
public final class CoordCheck {
  private final Library library;

  public CoordCheck(Library library) {
    this.library = library;
  }

  /**
   * Runs the check.
   *
   * @param base the run configuration; its width and naive flag are replaced, its schedule is made
   *     constant and its length is {@code steps}
   * @param widths the widths to compare
   * @param steps steps per run
   * @param progress hears each finished (width, parameterization) run
   */
  public List<CoordPoint> run(
      TrainConfig base, List<Integer> widths, int steps, Consumer<String> progress) {
    List<CoordPoint> points = new ArrayList<>();
    BatchSource data = RunData.load(base.data(), base.run());
    Batch probe = data.batch(0, 0);
    for (int width : widths) {
      for (boolean naive : new boolean[] {false, true}) {
        TrainConfig c = configure(base, width, naive, steps);
        String name = naive ? "naive" : "mup";
        try (Model model = RunModels.model(library, c, data)) {
          model.initialize(c.run().seed());
          float[] before = model.hidden(probe);
          for (int s = 0; s < steps; s++) {
            Batch batch = data.batch(s / data.batchesPerEpoch(), s % data.batchesPerEpoch());
            model.train(batch, 1.0, s + 1);
            float[] after = model.hidden(probe);
            points.add(
                new CoordPoint(c.model().structure(), width, name, s + 1, rms(before, after)));
            before = after;
          }
        }
        progress.accept(base.model().structure() + " width " + width + " " + name);
      }
    }
    return points;
  }

  /** The mean RMS change per step of one (width, parameterization). */
  public static double mean(List<CoordPoint> points, int width, String parameterization) {
    return points.stream()
        .filter(p -> p.width() == width && p.parameterization().equals(parameterization))
        .mapToDouble(CoordPoint::deltaRms)
        .average()
        .orElse(Double.NaN);
  }

  private static TrainConfig configure(TrainConfig base, int width, boolean naive, int steps) {
    ModelConfig m = base.model();
    OptimConfig o = base.optim();
    RunConfig r = base.run();
    return base.with(m.withWidth(width).withNaiveLr(naive))
        .with(
            new OptimConfig(
                o.kind(),
                o.lr(),
                o.beta1(),
                o.beta2(),
                o.epsilon(),
                o.weightDecay(),
                o.clip(),
                ScheduleKind.CONSTANT,
                0,
                o.inputLrMultiplier()))
        .with(
            new RunConfig(
                0,
                steps,
                r.batch(),
                r.seed(),
                r.evalEvery(),
                r.intraThreads(),
                r.interThreads(),
                r.device()));
  }

  private static double rms(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) b[i] - a[i];
      sum += d * d;
    }
    return Math.sqrt(sum / a.length);
  }
}
