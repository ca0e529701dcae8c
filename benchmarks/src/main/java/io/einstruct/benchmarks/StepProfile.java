package io.einstruct.benchmarks;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.ActivationLayout;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.ContractionOrder;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.data.Batch;
import io.einstruct.train.data.Loss;
import io.einstruct.train.model.GptSpec;
import io.einstruct.train.model.MlpSpec;
import io.einstruct.train.model.Model;
import io.einstruct.train.model.Moe;
import io.einstruct.train.model.StructureChoice;
import io.einstruct.train.model.TransformerBody;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.Device;
import io.einstruct.train.tf.SessionOptions;
import io.einstruct.train.tf.StepTrace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Where one training step of the quickstart's MLP spends its time, op by op, from TensorFlow's step
 * statistics: matmuls, transposes, reshapes and copies, element-wise work, reductions (LayerNorm,
 * the loss), the optimiser, and what the step costs outside the graph (feeding). Prints a Markdown
 * table per model, the mean over traced steps after warm-up.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.einstruct.benchmarks.StepProfile \
 *     [--steps N] [--threads N] [--top N] [--lowering auto|einsum|bmm] [STRUCTURE:WIDTH ...]
 *     (default dense:256 btt:512)</pre>
 */
public final class StepProfile {
  private StepProfile() {}

  /** Runs the profile; see the class comment for the arguments. */
  public static void main(String[] args) {
    int steps = 10;
    int top = 0;
    Lowering lowering = Lowering.AUTO;
    boolean compare = false;
    boolean moe = false;
    boolean lowerings = false;
    int threads = Runtime.getRuntime().availableProcessors();
    List<String> models = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--top" -> top = Integer.parseInt(args[++i]);
        case "--lowering" -> lowering = Lowering.parse(args[++i]);
        case "--compare-layouts" -> compare = true;
        case "--compare-moe" -> moe = true;
        case "--compare-lowerings" -> lowerings = true;
        default -> models.add(args[i]);
      }
    }
    if (moe) {
      System.out.println(compareMoe(steps, threads));
      return;
    }
    if (models.isEmpty()) {
      models = List.of("dense:256", "btt:512");
    }
    for (String m : models) {
      String[] parts = m.split(":");
      int width = Integer.parseInt(parts[1]);
      CompileOptions columns = CompileOptions.defaults().with(ActivationLayout.COLUMNS);
      System.out.println(
          lowerings
              ? compare(
                  parts[0],
                  width,
                  steps,
                  threads,
                  columns.with(Lowering.EINSUM, ContractionOrder.PLANNED),
                  columns.with(Lowering.BATCH_MATMUL, ContractionOrder.PLANNED))
              : compare
                  ? compareLayouts(parts[0], width, steps, threads, lowering)
                  : profile(parts[0], width, steps, threads, top, lowering));
    }
  }

  /**
   * Median step times of the MLP in rows and in columns, measured alternately in one process so
   * that a noisy machine slows both alike: {@code rounds} of one step each.
   */
  static String compareLayouts(
      String structure, int width, int rounds, int threads, Lowering lowering) {
    CompileOptions base = CompileOptions.defaults().with(lowering, ContractionOrder.PLANNED);
    return compare(
        structure,
        width,
        rounds,
        threads,
        base.with(ActivationLayout.ROWS),
        base.with(ActivationLayout.COLUMNS));
  }

  /** Median step times under options {@code a} and {@code b}, alternated in one process. */
  static String compare(
      String structure, int width, int rounds, int threads, CompileOptions a, CompileOptions b) {
    Batch data = batch(1024);
    SessionOptions session = new SessionOptions(threads, threads, Device.CPU);
    try (Model rows = spec(structure, width).build(a, AdamConfig.of(3e-3), 1024, session);
        Model columns = spec(structure, width).build(b, AdamConfig.of(3e-3), 1024, session)) {
      rows.initialize(0);
      columns.initialize(0);
      for (int i = 1; i <= 5; i++) {
        rows.train(data, 1.0, i);
        columns.train(data, 1.0, i);
      }
      double[] r = new double[rounds];
      double[] c = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        rows.train(data, 1.0, 6 + i);
        long t1 = System.nanoTime();
        columns.train(data, 1.0, 6 + i);
        long t2 = System.nanoTime();
        r[i] = (t1 - t0) / 1e6;
        c[i] = (t2 - t1) / 1e6;
      }
      double mr = median(r);
      double mc = median(c);
      return String.format(
          Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f× |", structure, width, mr, mc, mr / mc);
    }
  }

  /**
   * GPT training steps (2 blocks, width 256, context 128, batch 16 sequences) alternated in one
   * process: a dense FFN of expansion 8, and standard MoEs of E = 8 experts of expansion 4 with k =
   * 2 (the same FLOPs per token), dispatching tokens and computing every expert.
   */
  static String compareMoe(int rounds, int threads) {
    Library library = Library.builtIns();
    StructureChoice dense = StructureChoice.dense(library);
    SessionOptions session = new SessionOptions(threads, threads, Device.CPU);
    int width = 256;
    int context = 128;
    int sequences = 16;
    List<String> names =
        List.of("dense, expansion 8", "MoE E=8 k=2, dispatched", "MoE E=8 k=2, every expert");
    List<Model> models = new ArrayList<>();
    try {
      for (int i = 0; i < names.size(); i++) {
        Moe moe = i == 0 ? null : new Moe(8, 2, dense, i == 1);
        TransformerBody body =
            new TransformerBody(
                width, 2, 4, i == 0 ? 8 : 4, 64, dense, dense, moe, false, false, width, 8, 1, 1);
        Model m =
            new GptSpec(256, context, body, dense)
                .build(CompileOptions.defaults(), AdamConfig.of(1e-3), sequences, session);
        m.initialize(0);
        models.add(m);
      }
      SplittableRandom random = new SplittableRandom(1);
      int[] tokens = new int[sequences * context];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = random.nextInt(256);
      }
      Batch data = Batch.text(tokens, tokens, sequences);
      double[][] times = new double[models.size()][rounds];
      for (int i = 0; i < 3; i++) {
        for (Model m : models) {
          m.train(data, 1.0, 1 + i);
        }
      }
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < models.size(); i++) {
          long t0 = System.nanoTime();
          models.get(i).train(data, 1.0, 4 + r);
          times[i][r] = (System.nanoTime() - t0) / 1e6;
        }
      }
      StringBuilder out = new StringBuilder("| model | ms per step | × dense |\n|---|---:|---:|\n");
      double base = median(times[0]);
      for (int i = 0; i < models.size(); i++) {
        double t = median(times[i]);
        out.append(
            String.format(Locale.ROOT, "| %s | %.1f | %.2f× |%n", names.get(i), t, t / base));
      }
      return out.toString();
    } finally {
      models.forEach(Model::close);
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static MlpSpec spec(String structure, int width) {
    Library library = Library.builtIns();
    StructureChoice s = new StructureChoice(library.find(structure).orElseThrow(), Args.none());
    StructureChoice dense = StructureChoice.dense(library);
    return new MlpSpec(
        784,
        10,
        width,
        3,
        4,
        s,
        structure.equals("lowrank") ? dense : s,
        dense,
        Loss.CROSS_ENTROPY,
        64,
        0.1,
        4);
  }

  /** The mean breakdown of {@code steps} traced steps of the MLP, as a Markdown table. */
  static String profile(
      String structure, int width, int steps, int threads, int top, Lowering lowering) {
    MlpSpec spec = spec(structure, width);
    int batch = 1024;
    Batch data = batch(batch);
    Map<String, Double> totals = new LinkedHashMap<>();
    Map<String, Double> slowest = new LinkedHashMap<>();
    double wall = 0;
    double untraced = 0;
    try (Model model =
        spec.build(
            CompileOptions.defaults()
                .with(lowering, ContractionOrder.PLANNED)
                .with(ActivationLayout.valueOf(System.getProperty("layout", "AUTO"))),
            AdamConfig.of(3e-3),
            batch,
            new SessionOptions(threads, Integer.getInteger("inter", threads), Device.CPU))) {
      model.initialize(0);
      for (int i = 1; i <= 5; i++) {
        model.train(data, 1.0, i);
      }
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        model.train(data, 1.0, 6 + i);
      }
      untraced = (System.nanoTime() - start) / 1e6 / steps;
      for (int i = 0; i < steps; i++) {
        StepTrace trace = model.trace(data, 1.0, 6 + steps + i);
        wall += trace.wallMicros() / 1e3 / steps;
        trace
            .totals(StepProfile::category)
            .forEach((k, v) -> totals.merge(k, v / 1e3 / (double) steps, Double::sum));
        for (StepTrace.OpTime op : trace.ops()) {
          slowest.merge(
              op.node() + " " + op.type() + " " + op.shape(),
              op.micros() / 1e3 / steps,
              Double::sum);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s width %d, batch %d, %d threads, lowering %s: %.1f ms per step untraced, %.1f ms"
                + " traced%n%n",
            structure,
            width,
            batch,
            threads,
            lowering,
            untraced,
            wall));
    out.append("| ops | ms per step | share of op time |\n|---|---:|---:|\n");
    double sum = totals.values().stream().mapToDouble(Double::doubleValue).sum();
    totals.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "| %s | %.2f | %.0f%% |%n",
                        e.getKey(),
                        e.getValue(),
                        100 * e.getValue() / sum)));
    out.append(String.format(Locale.ROOT, "| all ops (may overlap) | %.2f | |%n", sum));
    slowest.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                out.append(String.format(Locale.ROOT, "%8.2f ms  %s%n", e.getValue(), e.getKey())));
    return out.toString();
  }

  /** forward / backward / optimiser, then the kind of op. */
  static String category(StepTrace.OpTime op) {
    String phase =
        op.node().startsWith("adam/")
            ? "optimiser"
            : op.node().startsWith("gradients") || op.node().contains("/gradients")
                ? "backward"
                : "forward";
    String t = op.type().replace("_Mkl", "").replace("_Fused", "");
    String kind;
    if (t.contains("MatMul") || t.contains("Einsum") || t.equals("Conv2D")) {
      kind = "matmul";
    } else if (t.contains("Transpose")) {
      kind = "transpose";
    } else if (List.of("Reshape", "Identity", "ConcatV2", "Slice", "StridedSlice", "Pad", "Tile")
            .contains(t)
        || t.contains("Broadcast")) {
      kind = "reshape/copy";
    } else if (List.of("Mean", "Sum", "Max", "Min", "Prod").contains(t)) {
      kind = "reduction";
    } else if (t.contains("Variable")
        || t.equals("_Recv")
        || t.equals("_Send")
        || t.equals("_Arg")
        || t.equals("_Retval")
        || t.equals("NoOp")
        || t.equals("Const")
        || t.equals("Placeholder")) {
      kind = "variables/feeds";
    } else {
      kind = "element-wise";
    }
    return phase + ": " + kind;
  }

  private static Batch batch(int size) {
    SplittableRandom random = new SplittableRandom(1);
    float[] x = new float[size * 784];
    float[] y = new float[size * 10];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    for (int n = 0; n < size; n++) {
      y[n * 10 + random.nextInt(10)] = 1;
    }
    return Batch.dense(x, y, size);
  }
}
