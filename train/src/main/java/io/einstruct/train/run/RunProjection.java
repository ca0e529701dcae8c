package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.project.Projected;
import io.einstruct.dsl.project.Projection;
import io.einstruct.dsl.project.ProjectionMethod;
import io.einstruct.dsl.project.ProjectionOptions;
import io.einstruct.dsl.tensor.NamedTensor;
import io.einstruct.train.data.DataShape;
import io.einstruct.train.model.LayerPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained run's layers projected onto another structure: the weights a run of the same model with
 * that structure starts from ({@code train --init-from}), so that a dense model can be compressed
 * and fine-tuned. Each linear layer's matrix (materialised from whatever structure the run has) is
 * projected onto the new structure at the layer's widths; a layer whose structure does not change
 * (the head) and every other parameter (biases, norms, embeddings) are copied.
 *
 * <p>The linear algebra is {@link Projection}'s; this class only pairs the two models' layers.
 */
public final class RunProjection {
  private RunProjection() {}

  /**
   * One layer's projection.
   *
   * @param name the layer
   * @param from its structure in the run
   * @param to its structure in the projected model
   * @param method how it was projected (null: copied, the structure being the same)
   * @param relativeError {@code ‖W − Ŵ‖ / ‖W‖} (0 when copied)
   * @param paramsBefore its factor parameters in the run
   * @param paramsAfter its factor parameters projected
   */
  public record Layer(
      String name,
      Structure from,
      Structure to,
      ProjectionMethod method,
      double relativeError,
      long paramsBefore,
      long paramsAfter) {}

  /**
   * The projected weights.
   *
   * @param config the configuration of a run with the new structure (no {@code init-from})
   * @param layers every linear layer, in order
   * @param weights every trainable tensor of the new model, layers' factors projected
   */
  public record Result(TrainConfig config, List<Layer> layers, List<NamedTensor> weights) {}

  /** Hears which layer is being projected. */
  @FunctionalInterface
  public interface Listener {
    /** Layer {@code index} (from 0) of {@code count}, {@code name}, starts. */
    void layer(int index, int count, String name);
  }

  /**
   * Projects the run in {@code dir} onto the model {@code target} describes: the run's own model
   * with another structure. The new model is checked at every layer's widths before any work.
   */
  public static Result project(
      Library library, Path dir, ModelConfig target, ProjectionOptions options, Listener listener) {
    TrainConfig config = Trainer.config(dir);
    if (config.model().weightNorm()) {
      throw EinError.of(
          dir.toString(),
          "was trained with weight normalisation: its layers are not the product of their"
              + " stored factors, so they cannot be projected");
    }
    TrainConfig projected = config.with(target.toBuilder().initFrom(null).build());
    RunPlan.check(library, projected);
    DataShape shape = RunData.shape(config.data(), config.run());
    List<LayerPlan> before = RunModels.spec(library, config, shape).layers();
    List<LayerPlan> after = RunModels.spec(library, projected, shape).layers();
    if (before.size() != after.size()) {
      throw EinError.setting(
          "structure",
          "gives " + after.size() + " linear layers where the run has " + before.size());
    }
    for (int i = 0; i < after.size(); i++) {
      LayerPlan p = after.get(i);
      boolean copied = before.get(i).structure().equals(p.structure());
      if (!copied
          && options.method() == ProjectionMethod.CLOSED_FORM
          && !Projection.hasClosedForm(p.structure())) {
        throw EinError.of(
            p.structure().name(),
            "has no closed-form projection (it needs two factors that split every block of W in"
                + " two); use alternating least squares");
      }
      if (!p.structure().routes().isEmpty()) {
        throw EinError.setting(
            "structure",
            p.structure().name()
                + " routes "
                + p.structure().routes().get(0).index()
                + " at layer "
                + p.name()
                + ": a mixture's layer is a different matrix for every input, so no one matrix"
                + " projects onto it");
      }
    }
    Map<String, NamedTensor> weights = new LinkedHashMap<>();
    try (TrainedRun run = TrainedRun.open(library, dir)) {
      run.model().weights().forEach(w -> weights.put(w.name(), w));
    }
    List<Layer> layers = new ArrayList<>();
    Map<String, List<NamedTensor>> replaced = new LinkedHashMap<>();
    for (int i = 0; i < after.size(); i++) {
      LayerPlan old = before.get(i);
      LayerPlan now = after.get(i);
      if (!old.name().equals(now.name())
          || old.structure().dIn() != now.structure().dIn()
          || old.structure().dOut() != now.structure().dOut()) {
        throw EinError.setting(
            "structure", "layer " + now.name() + " does not match the run's layer " + old.name());
      }
      listener.layer(i, after.size(), now.name());
      Structure from = old.structure();
      Structure to = now.structure();
      if (from.equals(to)) {
        layers.add(
            new Layer(now.name(), from, to, null, 0, from.factorParams(), to.factorParams()));
        continue;
      }
      double[][] w = matrix(from, factors(now.name(), from, weights));
      Projected p = Projection.project(to, w, options, (n, e) -> {});
      layers.add(
          new Layer(
              now.name(),
              from,
              to,
              p.method(),
              p.relativeError(),
              from.factorParams(),
              to.factorParams()));
      List<NamedTensor> tensors = new ArrayList<>();
      for (Factor f : to.chain()) {
        DoubleTensor t = p.factors().get(f.name());
        tensors.add(new NamedTensor(now.name() + "." + f.name(), longs(f.shape()), floats(t)));
      }
      replaced.put(now.name(), tensors);
      for (Factor f : from.chain()) {
        weights.remove(now.name() + "." + f.name());
      }
    }
    List<NamedTensor> out = new ArrayList<>();
    for (LayerPlan p : after) {
      out.addAll(replaced.getOrDefault(p.name(), List.of()));
    }
    out.addAll(weights.values());
    return new Result(projected, layers, out);
  }

  /**
   * The layer's d_out × d_in matrix. A dense layer's one factor is that matrix already, row-major
   * (materialising it through the reference evaluator would cost d_in · d_in · d_out operations).
   */
  private static double[][] matrix(Structure s, Map<String, DoubleTensor> factors) {
    List<String> rowsThenColumns = new ArrayList<>(s.yNames());
    rowsThenColumns.addAll(s.xNames());
    Factor only = s.chain().get(0);
    if (s.chain().size() == 1
        && only.indexNames().equals(rowsThenColumns)
        && s.xSize() == s.dIn()
        && s.ySize() == s.dOut()) {
      double[] data = factors.get(only.name()).data();
      double[][] w = new double[s.dOut()][];
      for (int o = 0; o < w.length; o++) {
        w[o] = java.util.Arrays.copyOfRange(data, o * s.dIn(), (o + 1) * s.dIn());
      }
      return w;
    }
    return ReferenceEvaluator.materialize(s, factors);
  }

  /** A layer's factors as read from the run, indices as in its structure. */
  private static Map<String, DoubleTensor> factors(
      String layer, Structure s, Map<String, NamedTensor> weights) {
    Map<String, DoubleTensor> out = new LinkedHashMap<>();
    for (Factor f : s.chain()) {
      NamedTensor t = weights.get(layer + "." + f.name());
      if (t == null) {
        throw new IllegalStateException("the run has no tensor " + layer + "." + f.name());
      }
      double[] data = new double[t.data().length];
      for (int i = 0; i < data.length; i++) {
        data[i] = t.data()[i];
      }
      out.put(f.name(), new DoubleTensor(f.indexNames(), f.shape(), data));
    }
    return out;
  }

  private static long[] longs(int[] shape) {
    long[] out = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = shape[i];
    }
    return out;
  }

  private static float[] floats(DoubleTensor t) {
    float[] out = new float[t.data().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) t.data()[i];
    }
    return out;
  }
}
