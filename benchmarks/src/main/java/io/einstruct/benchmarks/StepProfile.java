package io.einstruct.benchmarks;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.ContractionOrder;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.model.Batch;
import io.einstruct.train.model.Loss;
import io.einstruct.train.model.MlpSpec;
import io.einstruct.train.model.Model;
import io.einstruct.train.model.StructureChoice;
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
    int threads = Runtime.getRuntime().availableProcessors();
    List<String> models = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--top" -> top = Integer.parseInt(args[++i]);
        case "--lowering" -> lowering = Lowering.parse(args[++i]);
        default -> models.add(args[i]);
      }
    }
    if (models.isEmpty()) {
      models = List.of("dense:256", "btt:512");
    }
    for (String m : models) {
      String[] parts = m.split(":");
      System.out.println(
          profile(parts[0], Integer.parseInt(parts[1]), steps, threads, top, lowering));
    }
  }

  /** The mean breakdown of {@code steps} traced steps of the MLP, as a Markdown table. */
  static String profile(
      String structure, int width, int steps, int threads, int top, Lowering lowering) {
    Library library = Library.builtIns();
    StructureChoice s = new StructureChoice(library.find(structure).orElseThrow(), Args.none());
    StructureChoice dense = StructureChoice.dense(library);
    MlpSpec spec =
        new MlpSpec(
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
    int batch = 1024;
    Batch data = batch(batch);
    Map<String, Double> totals = new LinkedHashMap<>();
    Map<String, Double> slowest = new LinkedHashMap<>();
    double wall = 0;
    double untraced = 0;
    try (Model model =
        spec.build(
            CompileOptions.defaults().with(lowering, ContractionOrder.PLANNED),
            AdamConfig.of(3e-3),
            batch,
            new SessionOptions(threads, threads, Device.CPU))) {
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
