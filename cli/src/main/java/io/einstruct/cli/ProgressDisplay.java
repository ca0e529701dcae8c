package io.einstruct.cli;

import io.einstruct.train.model.ModelInfo;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.TrainConfig;
import io.einstruct.train.run.TrainListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a run's progress on stderr: on a terminal, a bar redrawn in place with the loss and samples
 * per second; otherwise plain lines, one per evaluation.
 */
final class ProgressDisplay implements TrainListener {
  /** The most time a non-terminal log goes without a line. */
  private static final long PLAIN_NANOS = 30_000_000_000L;

  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int BAR = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private long lastDraw;
  private final long plainNanos;
  private double smoothedRate;
  private long started;
  private long firstStep;
  private boolean drawn;
  private int unitsPerSample = 1;
  private String unit = "samples/s";

  ProgressDisplay(PrintWriter err, boolean terminal) {
    this(err, terminal, PLAIN_NANOS);
  }

  /** A display that, off a terminal, prints a line at least every {@code plainNanos}. */
  ProgressDisplay(PrintWriter err, boolean terminal, long plainNanos) {
    this.err = err;
    this.terminal = terminal;
    this.plainNanos = plainNanos;
  }

  @Override
  public void started(TrainConfig config, ModelInfo model, String data, long step, long total) {
    started = System.nanoTime();
    lastDraw = started;
    firstStep = step;
    // a language model's throughput is read in tokens
    boolean text = config.model().kind() == io.einstruct.train.run.ModelKind.GPT;
    unitsPerSample = text ? model.tokens() : 1;
    unit = text ? "tokens/s" : "samples/s";
    err.printf(
        Locale.ROOT,
        "%s %s, width %d: %s params, %s forward MACs per example; %s; %s%n",
        config.model().kind(),
        config.model().structure(),
        config.model().width(),
        Numbers.count(model.params()),
        Numbers.count(model.forwardMacs()),
        data,
        step > 0 ? "resuming at step " + step + " of " + total : total + " steps");
    err.flush();
  }

  @Override
  public void initialised(
      io.einstruct.train.run.InitialWeights weights,
      int set,
      int parameters,
      io.einstruct.train.run.HeldOut before) {
    err.printf(
        Locale.ROOT,
        "starting from %s: %d of %d parameter tensors; before training: test loss %.4f%s%n",
        weights.file(),
        set,
        parameters,
        before.loss(),
        before.error() == null
            ? ""
            : String.format(Locale.ROOT, ", test error %.2f%%", 100 * before.error()));
    err.flush();
  }

  @Override
  public void stepped(long step, long total, double loss, double samplesPerSecond) {
    smoothedRate =
        smoothedRate == 0 ? samplesPerSecond : 0.9 * smoothedRate + 0.1 * samplesPerSecond;
    long now = System.nanoTime();
    double elapsed = (now - started) / 1e9;
    double eta = step > firstStep ? elapsed / (step - firstStep) * (total - step) : 0;
    if (!terminal) {
      // a log file gets a plain line at least every 30 s between evaluations
      if (now - lastDraw >= plainNanos) {
        lastDraw = now;
        err.printf(
            Locale.ROOT,
            "  step %d/%d (%.0f%%): loss %.4f, %s %s, ETA %s%n",
            step,
            total,
            100.0 * step / total,
            loss,
            Numbers.count(Math.round(smoothedRate * unitsPerSample)),
            unit,
            clock(eta));
        err.flush();
      }
      return;
    }
    if (now - lastDraw < REDRAW_NANOS && step < total) {
      return;
    }
    lastDraw = now;
    double fraction = (double) step / total;
    int filled = (int) Math.round(fraction * BAR);
    err.printf(
        Locale.ROOT,
        "\r  step %d/%d [%s%s] %3.0f%%  loss %.4f  %s %s  ETA %s ",
        step,
        total,
        "=".repeat(filled),
        " ".repeat(BAR - filled),
        100 * fraction,
        loss,
        Numbers.count(Math.round(smoothedRate * unitsPerSample)),
        unit,
        clock(eta));
    err.flush();
    drawn = true;
  }

  @Override
  public void evaluated(EvalPoint p) {
    lastDraw = System.nanoTime();
    if (drawn) {
      err.print("\r" + " ".repeat(100) + "\r");
      drawn = false;
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  epoch %.2f step %d: train loss %.4f",
                p.epoch(),
                p.step(),
                p.trainLoss()));
    if (p.trainError() != null) {
      line.append(String.format(Locale.ROOT, " err %.2f%%", 100 * p.trainError()));
    }
    line.append(String.format(Locale.ROOT, " | test loss %.4f", p.testLoss()));
    if (p.testError() != null) {
      line.append(String.format(Locale.ROOT, " err %.2f%%", 100 * p.testError()));
    }
    if (p.routerPerplexity() != null) {
      line.append(
          String.format(
              Locale.ROOT,
              " | router perplexity %.2f per token, %.2f overall",
              p.routerPerplexity(),
              p.routerSpread()));
    }
    line.append(
        String.format(
            Locale.ROOT,
            " | %.3g FLOPs | %s %s | %s",
            p.flops(),
            Numbers.count(
                Math.round(p.samples() * unitsPerSample / Math.max(p.wallSeconds(), 1e-9))),
            unit,
            clock(p.wallSeconds())));
    err.println(line);
    err.flush();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
