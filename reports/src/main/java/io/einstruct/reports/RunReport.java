package io.einstruct.reports;

import io.einstruct.dsl.EinError;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.Json;
import io.einstruct.train.run.MetricsLog;
import io.einstruct.train.run.RunSummary;
import io.einstruct.train.run.TrainConfig;
import io.einstruct.train.run.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The report of one or several {@code train} runs, read from their directories: a table of the
 * runs, learning curves against steps, training FLOPs and wall-clock seconds, and each run's
 * configuration and structure source.
 */
public final class RunReport {
  private RunReport() {}

  /** One run directory, read. */
  private record Run(String name, TrainConfig config, RunSummary summary, List<EvalPoint> points) {}

  /**
   * The runs in {@code paths}: each a run directory, or a directory whose subdirectories are runs.
   */
  public static List<Path> runs(List<Path> paths) {
    List<Path> runs = new ArrayList<>();
    for (Path p : paths) {
      if (Files.exists(p.resolve(Trainer.CONFIG))) {
        runs.add(p);
        continue;
      }
      if (!Files.isDirectory(p)) {
        throw EinError.of(p.toString(), "no such run directory");
      }
      try (var children = Files.list(p)) {
        List<Path> found =
            children.filter(c -> Files.exists(c.resolve(Trainer.CONFIG))).sorted().toList();
        if (found.isEmpty()) {
          throw EinError.of(
              p.toString(), "holds no run (no " + Trainer.CONFIG + " in it or below)");
        }
        runs.addAll(found);
      } catch (IOException e) {
        throw EinError.of(p.toString(), "cannot be listed: " + e.getMessage());
      }
    }
    return runs;
  }

  /** The report of the runs in {@code dirs}. */
  public static Report build(List<Path> dirs) {
    List<Run> runs = new ArrayList<>();
    for (Path dir : dirs) {
      runs.add(read(dir));
    }
    return new Report(
        runs.size() == 1 ? "Run " + runs.get(0).name() : runs.size() + " runs",
        "Learning curves against steps, training FLOPs and wall-clock seconds, with each run's"
            + " configuration and structure.",
        List.of(table(runs), curves(runs), sources(runs)),
        Map.of("runs", runs.stream().map(Run::name).toList()));
  }

  private static Run read(Path dir) {
    TrainConfig config = Trainer.config(dir);
    RunSummary summary = null;
    Path file = dir.resolve(Trainer.SUMMARY);
    if (Files.exists(file)) {
      try {
        summary = Json.mapper().readValue(file.toFile(), RunSummary.class);
      } catch (IOException e) {
        throw EinError.of(file.toString(), "not a run summary: " + e.getMessage());
      }
    }
    String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    return new Run(name, config, summary, new MetricsLog(dir.resolve(Trainer.METRICS)).read());
  }

  private static Section table(List<Run> runs) {
    List<List<Object>> rows = new ArrayList<>();
    for (Run r : runs) {
      EvalPoint last = r.points().isEmpty() ? null : r.points().get(r.points().size() - 1);
      rows.add(
          Arrays.asList(
              r.name(),
              r.config().model().kind().key(),
              r.config().model().structure(),
              r.config().model().width(),
              r.summary() == null ? null : r.summary().model().params(),
              r.summary() == null ? "no summary" : r.summary().status(),
              last == null ? null : last.step(),
              last == null ? null : last.trainLoss(),
              last == null ? null : last.testLoss(),
              last == null ? null : last.testError(),
              last == null ? null : last.wallSeconds()));
    }
    Table t =
        new Table(
            "runs",
            "Runs",
            "The last evaluation of each run.",
            List.of(
                "run",
                "model",
                "structure",
                "width",
                "params",
                "status",
                "step",
                "train loss",
                "test loss",
                "test error",
                "seconds"),
            rows);
    return new Section("runs", "Runs", List.of(), List.of(), List.of(t));
  }

  private static Section curves(List<Run> runs) {
    List<Figure> figures = new ArrayList<>();
    figures.add(figure(runs, "loss-step", "Training loss by step", "step", false, EvalPoint::step));
    figures.add(
        figure(
            runs,
            "loss-flops",
            "Training loss by training FLOPs",
            "training FLOPs",
            true,
            EvalPoint::flops));
    figures.add(
        figure(
            runs,
            "loss-seconds",
            "Training loss by wall-clock seconds",
            "training seconds",
            true,
            EvalPoint::wallSeconds));
    CurvesChart test = new CurvesChart("Test loss by step", "step", "test loss", false, true);
    for (int i = 0; i < runs.size(); i++) {
      List<EvalPoint> ps = runs.get(i).points();
      test.linePoints(
          runs.get(i).name(), i, values(ps, EvalPoint::step), values(ps, EvalPoint::testLoss));
    }
    figures.add(
        new Figure(
            "test-loss-step",
            "Test loss by step",
            "One line per run; each point an evaluation.",
            test.svg("test-loss-step", 720, 420)));
    return new Section("curves", "Learning curves", List.of(), figures, List.of());
  }

  private static Figure figure(
      List<Run> runs,
      String id,
      String title,
      String x,
      boolean logX,
      ToDoubleFunction<EvalPoint> axis) {
    CurvesChart chart = new CurvesChart(title, x, "training loss", logX, true);
    for (int i = 0; i < runs.size(); i++) {
      List<EvalPoint> ps = runs.get(i).points();
      chart.linePoints(runs.get(i).name(), i, values(ps, axis), values(ps, EvalPoint::trainLoss));
    }
    return new Figure(
        id,
        title,
        "One line per run; each point an evaluation (the mean training loss since the last one).",
        chart.svg(id, 720, 420));
  }

  private static double[] values(List<EvalPoint> points, ToDoubleFunction<EvalPoint> f) {
    return points.stream().mapToDouble(f).toArray();
  }

  private static Section sources(List<Run> runs) {
    List<Section.Listing> listings = new ArrayList<>();
    for (Run r : runs) {
      try {
        listings.add(
            new Section.Listing(
                r.name() + ": config.json", Json.mapper().writeValueAsString(r.config())));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (r.summary() != null && r.summary().provenance() != null) {
        listings.add(
            new Section.Listing(
                r.name()
                    + ": structure source (SHA-256 "
                    + r.summary().provenance().sourceSha256().substring(0, 12)
                    + "…)",
                r.summary().provenance().source()));
      }
    }
    return new Section(
        "sources", "Configurations and structures", List.of(), List.of(), List.of(), listings);
  }
}
