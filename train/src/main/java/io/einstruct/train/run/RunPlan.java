package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.DataShape;
import io.einstruct.train.model.LayerInfo;
import io.einstruct.train.model.ModelInfo;
import io.einstruct.train.model.ModelSpec;
import io.einstruct.train.tf.Devices;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * A run checked completely before anything is written: every setting in range, the data there and
 * readable, every layer bound at the model's widths, and the whole within what this machine can
 * hold. {@code train --dry-run} prints it; {@link Trainer#start} makes one before it creates the
 * run directory.
 *
 * @param config the configuration
 * @param data the data's shape, read from file headers
 * @param spec the architecture, every layer bound
 * @param info its sizes and costs
 * @param steps optimiser steps the run takes
 * @param stepsPerEpoch steps in one pass over the training data
 * @param memoryBytes a rough estimate of the memory one training step holds
 */
public record RunPlan(
    TrainConfig config,
    DataShape data,
    ModelSpec spec,
    ModelInfo info,
    long steps,
    long stepsPerEpoch,
    double memoryBytes) {
  /** Threads per core beyond which more threads only slow a run down. */
  static final int THREADS_PER_CORE = 16;

  /** The largest width, context or expert count a run accepts, whatever the memory. */
  static final int MAX_SIZE = 1 << 20;

  /** Checks {@code c} whole and returns its plan; the first problem is an {@link EinError}. */
  public static RunPlan check(Library library, TrainConfig c) {
    return check(library, c, null);
  }

  /**
   * As {@link #check(Library, TrainConfig)}, with the data's shape already read (null: read it), as
   * a study checking many configurations of one task does.
   */
  public static RunPlan check(Library library, TrainConfig c, DataShape known) {
    checkSettings(c);
    RunConfig r = c.run();
    ModelConfig m = c.model();
    if (r.device().gpu() && r.device().index() >= Devices.gpus()) {
      int gpus = Devices.gpus();
      throw EinError.setting(
          "device",
          r.device()
              + " asked for, but TensorFlow sees "
              + (gpus == 0 ? "no GPU" : gpus + " GPU" + (gpus == 1 ? "" : "s"))
              + " here (the CPU build, or no CUDA device); use cpu, or build with -Pgpu on a"
              + " machine with one");
    }
    DataShape shape = known != null ? known : RunData.shape(c.data(), r);
    ModelSpec spec = RunModels.spec(library, c, shape);
    ModelInfo info = spec.info(RunModels.weightNorm(m));
    double memory = memory(info, r.batch(), m.depth());
    double machine = physicalMemory();
    if (machine > 0 && memory > machine) {
      throw EinError.setting(
          "batch",
          String.format(
              Locale.ROOT,
              "a step of batch %d would hold about %s, more than this machine's %s; lower the"
                  + " batch or the width",
              r.batch(),
              bytes(memory),
              bytes(machine)));
    }
    long perEpoch = shape.trainSize() / r.batch();
    if (perEpoch < 1) {
      throw EinError.setting(
          "batch",
          "a batch of "
              + r.batch()
              + " is larger than the "
              + shape.trainSize()
              + " training examples");
    }
    long steps = r.steps() > 0 ? r.steps() : r.epochs() * perEpoch;
    if (steps < 1) {
      throw EinError.setting("epochs", "the run would take no step");
    }
    return new RunPlan(c, shape, spec, info, steps, perEpoch, memory);
  }

  /**
   * Checks what can be checked without the data or the structures: every setting in range and the
   * optimiser's choices consistent.
   */
  public static void checkSettings(TrainConfig c) {
    RunConfig r = c.run();
    ModelConfig m = c.model();
    positive("batch", r.batch());
    atLeast("epochs", r.epochs(), 0);
    atLeast("steps", r.steps(), 0);
    atLeast("eval_every", r.evalEvery(), 0);
    threads("threads", r.intraThreads());
    threads("inter_threads", r.interThreads());
    positive("width", m.width());
    positive("depth", m.depth());
    positive("expansion", m.expansion());
    positive("d0", m.baseWidth());
    bounded("width", m.width());
    bounded("context", c.data().context());
    bounded("experts", m.transformer().experts());
    if (m.transformer().experts() > 0 && m.transformer().top() > m.transformer().experts()) {
      throw EinError.setting(
          "top",
          "a token cannot use "
              + m.transformer().top()
              + " of "
              + m.transformer().experts()
              + " experts");
    }
    optimiser(c.optim());
    DataConfig d = c.data();
    atLeast("crop", d.crop(), 0);
    if (!(d.mixup() >= 0) || Double.isInfinite(d.mixup())) {
      throw EinError.setting("mixup", "must be 0 (off) or positive, got " + d.mixup());
    }
    if (!(d.labelSmoothing() >= 0 && d.labelSmoothing() < 1)) {
      throw EinError.setting("label_smoothing", "must be in [0, 1), got " + d.labelSmoothing());
    }
    positive("teacher_width", d.teacherWidth());
    positive("teacher_depth", d.teacherDepth());
    positive("context", d.context());
    TransformerConfig t = m.transformer();
    positive("heads", t.heads());
    atLeast("patch", t.patch(), 0);
    atLeast("experts", t.experts(), 0);
    positive("top", t.top());
  }

  private static void optimiser(OptimConfig o) {
    RunModels.adam(o);
    RunModels.finalLrFraction(o);
    atLeast("warmup", o.warmup(), 0);
  }

  /**
   * Bytes a training step holds, roughly: each layer's input and output per token, kept for the
   * backward pass with as much again for gradients and element-wise temporaries, attention's
   * scores, and four copies of the parameters (values, gradients, two Adam moments). It only has to
   * tell a run that cannot fit from one that may.
   */
  static double memory(ModelInfo info, int batch, int depth) {
    double perToken = 0;
    for (LayerInfo l : info.layers()) {
      perToken += (double) l.dIn() + l.dOut();
    }
    double tokens = info.tokens();
    double attention = tokens > 1 ? tokens * tokens * depth : 0;
    double perExample = 3 * (tokens * perToken + attention);
    return 4.0 * (batch * perExample + 4.0 * info.params());
  }

  private static double physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }

  /** {@code b} bytes as MiB or GiB. */
  public static String bytes(double b) {
    return b >= 1 << 30
        ? String.format(Locale.ROOT, "%.1f GiB", b / (1 << 30))
        : String.format(Locale.ROOT, "%.0f MiB", b / (1 << 20));
  }

  private static void positive(String setting, long value) {
    if (value < 1) {
      throw EinError.setting(setting, "must be positive, got " + value);
    }
  }

  private static void atLeast(String setting, long value, long least) {
    if (value < least) {
      throw EinError.setting(setting, "must be at least " + least + ", got " + value);
    }
  }

  private static void bounded(String setting, long value) {
    if (value > MAX_SIZE) {
      throw EinError.setting(setting, "at most " + MAX_SIZE + ", got " + value);
    }
  }

  private static void threads(String setting, int value) {
    int cores = Runtime.getRuntime().availableProcessors();
    int most = Math.max(64, THREADS_PER_CORE * cores);
    if (value < 0 || value > most) {
      throw EinError.setting(
          setting,
          "must be 0 (every core) or 1 to "
              + most
              + " ("
              + THREADS_PER_CORE
              + " per core of this machine's "
              + cores
              + "), got "
              + value);
    }
  }
}
