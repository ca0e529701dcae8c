package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.Batch;
import io.einstruct.train.data.BatchSource;
import io.einstruct.train.data.DataCache;
import io.einstruct.train.data.Loss;
import io.einstruct.train.data.Prefetcher;
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
  private final StopRequest stop;
  private final Path eventsDir;

  /** A trainer that loads its data afresh. */
  public Trainer(Library library, TrainListener listener) {
    this(library, listener, new DataCache(), new StopRequest());
  }

  /**
   * A trainer that takes datasets from {@code data} when they are there and stops at the first step
   * boundary after {@code stop} is requested, checkpointing there.
   */
  public Trainer(Library library, TrainListener listener, DataCache data, StopRequest stop) {
    this(library, listener, data, stop, null);
  }

  private Trainer(
      Library library, TrainListener listener, DataCache data, StopRequest stop, Path eventsDir) {
    this.library = library;
    this.listener = listener;
    this.data = data;
    this.stop = stop;
    this.eventsDir = eventsDir;
  }

  /**
   * This trainer writing TensorBoard event files into {@code dir} (made when needed) instead of the
   * run directory: a study keeps its trials' events where TensorBoard finds them after a trial's
   * temporary work directory is gone.
   */
  public Trainer eventsIn(Path dir) {
    return new Trainer(library, listener, data, stop, dir);
  }

  /**
   * Starts a new run in {@code dir}, which must not hold one already. The whole configuration is
   * checked ({@link RunPlan#check}) before the directory is created, so a bad one leaves nothing
   * behind.
   */
  public RunSummary start(TrainConfig config, Path dir) {
    if (Files.exists(dir.resolve(CONFIG)) || Files.exists(dir.resolve(METRICS))) {
      throw EinError.of(
          dir.toString(),
          "already holds a run; continue it with --resume or " + "choose another --out");
    }
    RunPlan plan = RunPlan.check(library, config);
    InitialWeights weights =
        config.model().initFrom() == null
            ? null
            : InitialWeights.read(Path.of(config.model().initFrom()));
    BatchSource data = RunData.load(config.data(), config.run(), this.data);
    try (Model model = RunModels.model(library, config, data)) {
      model.initialize(config.run().seed());
      if (weights != null) {
        // before the directory exists: a file made for another model leaves nothing behind
        int set = weights.applyTo(model);
        listener.initialised(
            weights, set, model.weights().size(), HeldOut.of(model, data, evalBatch(config)));
      }
      createDirectories(dir);
      Json.write(dir.resolve(CONFIG), config);
      return run(plan, dir, RunState.start(), model, data);
    }
  }

  /** The configuration of the run in {@code dir}. */
  public static TrainConfig config(Path dir) {
    Path configPath = dir.resolve(CONFIG);
    if (!Files.exists(configPath)) {
      throw EinError.of(dir.toString(), "holds no run to resume (no " + CONFIG + ")");
    }
    try {
      return Json.mapper().readValue(configPath.toFile(), TrainConfig.class);
    } catch (IOException e) {
      throw EinError.of(configPath.toString(), "not a run configuration: " + e.getMessage());
    }
  }

  /** Continues the run in {@code dir} from its last checkpoint. */
  public RunSummary resume(Path dir) {
    return resume(dir, null);
  }

  /**
   * Continues the run in {@code dir} from its last checkpoint, for {@code steps} steps in all when
   * not null (more than it had: a finished run is extended; its schedule is recomputed for the new
   * length). Metrics after the checkpoint are dropped, since they will be made again; a run with no
   * checkpoint starts over, its metrics all dropped.
   */
  public RunSummary resume(Path dir, Long steps) {
    TrainConfig config = config(dir);
    if (steps != null) {
      config = config.with(config.run().withSteps(steps));
    }
    RunPlan plan = RunPlan.check(library, config);
    Path checkpoint = dir.resolve(Checkpoint.FILE);
    Checkpoint.Loaded loaded = Files.exists(checkpoint) ? Checkpoint.load(checkpoint) : null;
    long from = loaded == null ? 0 : loaded.state().step();
    if (steps != null && steps < from) {
      throw EinError.setting(
          "steps", "the run is at step " + from + " already; give more steps to extend it");
    }
    if (steps != null) {
      Json.write(dir.resolve(CONFIG), config);
    }
    new MetricsLog(dir.resolve(METRICS)).truncateAfter(from);
    listener.resuming(from, loaded != null);
    return run(plan, dir, loaded == null ? RunState.start() : loaded.state(), loaded);
  }

  private RunSummary run(RunPlan plan, Path dir, RunState state, Checkpoint.Loaded loaded) {
    TrainConfig config = plan.config();
    BatchSource data = RunData.load(config.data(), config.run(), this.data);
    try (Model model = RunModels.model(library, config, data)) {
      if (loaded == null) {
        model.initialize(config.run().seed());
        if (config.model().initFrom() != null) {
          InitialWeights.read(Path.of(config.model().initFrom())).applyTo(model);
        }
      } else {
        model.restore(loaded.values());
      }
      return run(plan, dir, state, model, data);
    }
  }

  private RunSummary run(RunPlan plan, Path dir, RunState state, Model model, BatchSource data) {
    TrainConfig config = plan.config();
    StructureChoice structure = RunModels.structure(library, config.model());
    Provenance provenance = Provenance.of(structure, config);
    long total = plan.steps();
    Loop loop = new Loop(config, dir, data, model, provenance, total);
    listener.started(config, model.info(), data.describe(), state.step(), total);
    return loop.run(state);
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
    private EventLog events;

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
              config.optim().schedule() == ScheduleKind.COSINE,
              config.optim().warmup(),
              total,
              RunModels.finalLrFraction(config.optim()));
      this.metrics = new MetricsLog(dir.resolve(METRICS));
      this.evalEvery =
          config.run().evalEvery() > 0 ? config.run().evalEvery() : data.batchesPerEpoch();
      for (EvalPoint p : metrics.read()) {
        note(p);
      }
    }

    RunSummary run(RunState start) {
      writeSummary("running", null, null);
      RunState state = start;
      double flopsPerExample = model.info().trainingFlopsPerExample();
      try (Prefetcher batches = new Prefetcher(data, state.step(), total);
          EventLog opened =
              EventLog.open(eventsDir != null ? eventsDir : dir, state.step(), texts())) {
        events = opened;
        while (state.step() < total) {
          if (stop.requested()) {
            // at a step boundary: the checkpoint holds the sums since the last evaluation, so the
            // resumed run's next evaluation averages exactly the steps an uninterrupted one would
            Checkpoint.save(dir.resolve(Checkpoint.FILE), state, model.state());
            return writeSummary("interrupted", "stopped by " + stop.reason(), state.step());
          }
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
        writeSummary("failed", e.getMessage() == null ? e.toString() : e.getMessage(), null);
        throw e;
      }
      return writeSummary("done", null, null);
    }

    private RunState evaluate(RunState s, double factor) {
      HeldOut held = HeldOut.of(model, data, evalBatch(config));
      boolean classes = data.loss() == Loss.CROSS_ENTROPY;
      boolean routed = model.info().routed();
      EvalPoint point =
          new EvalPoint(
              s.step(),
              (double) s.step() / data.batchesPerEpoch(),
              s.samples(),
              s.lossSum() / s.steps(),
              classes ? s.errorSum() / s.steps() : null,
              held.loss(),
              held.error(),
              s.flops(),
              s.wallSeconds(),
              config.optim().lr() * factor,
              routed ? s.auxSum() / s.steps() : null,
              routed ? s.perplexitySum() / s.steps() : null,
              routed ? s.spreadSum() / s.steps() : null);
      metrics.append(point);
      RunState reset = s.evaluated();
      Checkpoint.save(dir.resolve(Checkpoint.FILE), reset, model.state());
      events.evaluated(point);
      note(point);
      // the summary shows the latest evaluation while the run goes on
      writeSummary("running", null, null);
      listener.evaluated(point);
      return reset;
    }

    /** What TensorBoard shows as text: the configuration and the structure's DSL source. */
    private java.util.Map<String, String> texts() {
      java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
      try {
        texts.put("config", "```\n" + Json.mapper().writeValueAsString(config) + "\n```");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      texts.put("structure", "```\n" + provenance.source() + "\n```");
      return texts;
    }

    private void note(EvalPoint p) {
      last = p;
      if (p.testError() != null && (bestTestError == null || p.testError() < bestTestError)) {
        bestTestError = p.testError();
      }
    }

    private RunSummary fail(String message) {
      writeSummary("failed", message, null);
      throw new TrainingFailed(message);
    }

    private RunSummary writeSummary(String status, String error, Long stoppedAt) {
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
              bestTestError,
              stoppedAt);
      Json.write(dir.resolve(SUMMARY), summary);
      return summary;
    }
  }

  /** 0 for a value a model does not have (NaN: no classes, no routers), else the value. */
  /** Held-out examples scored at once: at least 256, or the training batch. */
  static int evalBatch(TrainConfig config) {
    return Math.max(256, config.run().batch());
  }

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
