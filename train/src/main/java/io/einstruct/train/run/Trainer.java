package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.BatchSource;
import io.einstruct.train.data.DataCache;
import io.einstruct.train.data.Prefetcher;
import io.einstruct.train.model.Batch;
import io.einstruct.train.model.Loss;
import io.einstruct.train.model.Model;
import io.einstruct.train.model.StepResult;
import io.einstruct.train.model.StructureChoice;
import io.einstruct.train.optim.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains one model as a {@link TrainConfig} says, into a run directory holding {@code config.json},
 * {@code metrics.jsonl}, {@code summary.json} and {@code checkpoint.bin}. At every evaluation the
 * metrics line is appended and then a checkpoint written, so a resumed run loses nothing and
 * repeats nothing.
 */
public final class Trainer {
  /** The configuration file of a run directory. */
  public static final String CONFIG = "config.json";

  /** The metrics file of a run directory. */
  public static final String METRICS = "metrics.jsonl";

  /** The summary file of a run directory. */
  public static final String SUMMARY = "summary.json";

  private final Library library;
  private final TrainListener listener;
  private final DataCache data;

  /** A trainer that loads its data afresh. */
  public Trainer(Library library, TrainListener listener) {
    this(library, listener, new DataCache());
  }

  /** A trainer that takes datasets from {@code data} when they are there. */
  public Trainer(Library library, TrainListener listener, DataCache data) {
    this.library = library;
    this.listener = listener;
    this.data = data;
  }

  /** Starts a new run in {@code dir}, which must not hold one already. */
  public RunSummary start(TrainConfig config, Path dir) {
    if (Files.exists(dir.resolve(CONFIG)) || Files.exists(dir.resolve(METRICS))) {
      throw EinError.of(
          dir.toString(),
          "already holds a run; continue it with --resume or " + "choose another --out");
    }
    createDirectories(dir);
    Json.write(dir.resolve(CONFIG), config);
    return run(config, dir, RunState.start(), null);
  }

  /** Continues the run in {@code dir} from its last checkpoint. */
  public RunSummary resume(Path dir) {
    Path configPath = dir.resolve(CONFIG);
    if (!Files.exists(configPath)) {
      throw EinError.of(dir.toString(), "holds no run to resume (no " + CONFIG + ")");
    }
    TrainConfig config;
    try {
      config = Json.mapper().readValue(configPath.toFile(), TrainConfig.class);
    } catch (IOException e) {
      throw EinError.of(configPath.toString(), "not a run configuration: " + e.getMessage());
    }
    Path checkpoint = dir.resolve(Checkpoint.FILE);
    if (!Files.exists(checkpoint)) {
      return run(config, dir, RunState.start(), null);
    }
    Checkpoint.Loaded loaded = Checkpoint.load(checkpoint);
    new MetricsLog(dir.resolve(METRICS)).truncateAfter(loaded.state().step());
    return run(config, dir, loaded.state(), loaded);
  }

  private RunSummary run(TrainConfig config, Path dir, RunState state, Checkpoint.Loaded loaded) {
    BatchSource data = Setup.data(config.data(), config.run(), this.data);
    StructureChoice structure = Setup.structure(library, config.model());
    Provenance provenance = Setup.provenance(structure, config);
    long perEpoch = data.batchesPerEpoch();
    long total = config.run().steps() > 0 ? config.run().steps() : config.run().epochs() * perEpoch;
    if (total < 1) {
      throw EinError.setting("epochs", "the run would take no step");
    }
    try (Model model = Setup.model(library, config, data)) {
      if (loaded == null) {
        model.initialize(config.run().seed());
      } else {
        model.restore(loaded.values());
      }
      Loop loop = new Loop(config, dir, data, model, provenance, total);
      listener.started(config, model.info(), data.describe(), state.step(), total);
      return loop.run(state);
    }
  }

  /** The training loop of one run. */
  private final class Loop {
    private final TrainConfig config;
    private final Path dir;
    private final BatchSource data;
    private final Model model;
    private final Provenance provenance;
    private final long total;
    private final Schedule schedule;
    private final MetricsLog metrics;
    private final long evalEvery;
    private EvalPoint last;
    private Double bestTestError;

    Loop(
        TrainConfig config,
        Path dir,
        BatchSource data,
        Model model,
        Provenance provenance,
        long total) {
      this.config = config;
      this.dir = dir;
      this.data = data;
      this.model = model;
      this.provenance = provenance;
      this.total = total;
      this.schedule =
          new Schedule(
              !config.optim().schedule().equals("constant"),
              config.optim().warmup(),
              total,
              Setup.finalLrFraction(config.optim()));
      this.metrics = new MetricsLog(dir.resolve(METRICS));
      this.evalEvery =
          config.run().evalEvery() > 0 ? config.run().evalEvery() : data.batchesPerEpoch();
      for (EvalPoint p : metrics.read()) {
        note(p);
      }
      if (!config.optim().schedule().equals("constant")
          && !config.optim().schedule().equals("cosine")) {
        throw EinError.setting(
            "schedule", "expected cosine or constant, got '" + config.optim().schedule() + "'");
      }
    }

    RunSummary run(RunState start) {
      writeSummary("running", null);
      RunState state = start;
      double flopsPerExample = model.info().trainingFlopsPerExample();
      try (Prefetcher batches = new Prefetcher(data, state.step(), total)) {
        while (state.step() < total) {
          long began = System.nanoTime();
          Batch batch = batches.next();
          double factor = schedule.factor(state.step());
          StepResult r = model.train(batch, factor, state.step() + 1);
          double seconds = (System.nanoTime() - began) / 1e9;
          if (!Float.isFinite(r.loss())) {
            return fail(
                "the loss became "
                    + r.loss()
                    + " at step "
                    + (state.step() + 1)
                    + "; lower --lr, or add --clip or --warmup");
          }
          state =
              new RunState(
                  state.step() + 1,
                  state.samples() + batch.size(),
                  state.wallSeconds() + seconds,
                  state.flops() + flopsPerExample * batch.size(),
                  state.lossSum() + r.loss(),
                  state.errorSum() + orZero(r.error()),
                  state.auxSum() + r.auxLoss(),
                  state.steps() + 1,
                  state.perplexitySum() + orZero(r.router().perToken()),
                  state.spreadSum() + orZero(r.router().aggregate()));

          listener.stepped(state.step(), total, r.loss(), batch.size() / Math.max(seconds, 1e-9));
          if (state.step() % evalEvery == 0 || state.step() == total) {
            state = evaluate(state, factor);
          }
        }
      } catch (RuntimeException e) {
        writeSummary("failed", e.getMessage() == null ? e.toString() : e.getMessage());
        throw e;
      }
      return writeSummary("done", null);
    }

    private RunState evaluate(RunState s, double factor) {
      double lossSum = 0;
      double errors = 0;
      long count = 0;
      for (Batch batch : data.test(Math.max(256, config.run().batch()))) {
        Model.Evaluation e = model.evaluate(batch);
        lossSum += (double) e.loss() * batch.size();
        errors += orZero(e.error()) * batch.size();
        count += batch.size();
      }
      boolean classes = data.loss() == Loss.CROSS_ENTROPY;
      boolean routed = model.info().routed();
      EvalPoint point =
          new EvalPoint(
              s.step(),
              (double) s.step() / data.batchesPerEpoch(),
              s.samples(),
              s.lossSum() / s.steps(),
              classes ? s.errorSum() / s.steps() : null,
              lossSum / count,
              classes ? errors / count : null,
              s.flops(),
              s.wallSeconds(),
              config.optim().lr() * factor,
              routed ? s.auxSum() / s.steps() : null,
              routed ? s.perplexitySum() / s.steps() : null,
              routed ? s.spreadSum() / s.steps() : null);
      metrics.append(point);
      RunState reset = s.evaluated();
      Checkpoint.save(dir.resolve(Checkpoint.FILE), reset, model.state());
      note(point);
      listener.evaluated(point);
      return reset;
    }

    private void note(EvalPoint p) {
      last = p;
      if (p.testError() != null && (bestTestError == null || p.testError() < bestTestError)) {
        bestTestError = p.testError();
      }
    }

    private RunSummary fail(String message) {
      writeSummary("failed", message);
      throw new TrainingFailed(message);
    }

    private RunSummary writeSummary(String status, String error) {
      RunSummary summary =
          new RunSummary(
              RunSummary.FORMAT_VERSION,
              status,
              error,
              config,
              provenance,
              model.info(),
              model.info().forwardMacs(),
              model.info().trainingFlopsPerExample(),
              last,
              bestTestError);
      Json.write(dir.resolve(SUMMARY), summary);
      return summary;
    }
  }

  /** 0 for a value a model does not have (NaN: no classes, no routers), else the value. */
  private static double orZero(float value) {
    return Float.isNaN(value) ? 0 : value;
  }

  private static void createDirectories(Path dir) {

    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }
}
