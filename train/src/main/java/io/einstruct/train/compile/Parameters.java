package io.einstruct.train.compile;

import io.einstruct.train.tf.Fetched;
import io.einstruct.train.tf.OwnedTensor;
import io.einstruct.train.tf.TensorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReadVariableOp;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;

/**
 * Every variable of one graph, in creation order. Initial values are drawn in Java from a generator
 * seeded by the run's seed and the parameter's name, so a parameter starts the same whatever else
 * the model holds, and a run is reproducible from its seed.
 */
public final class Parameters {
  private final Map<String, Parameter> byName = new LinkedHashMap<>();

  /**
   * Creates a variable.
   *
   * @param tf the graph's ops, placed on the model's device
   * @param name unique name
   * @param shape its shape
   * @param init how it starts
   * @param lrScale its learning rate is {@code base_lr · lrScale}
   * @param decay whether decoupled weight decay applies
   * @param trainable false for optimiser state
   */
  public Parameter create(
      Ops tf,
      String name,
      long[] shape,
      Init init,
      double lrScale,
      boolean decay,
      boolean trainable) {
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("parameter " + name + " exists already");
    }
    Ops scope = tf.withName(safe(name));
    VarHandleOp handle =
        scope.varHandleOp(TFloat32.class, Shape.of(shape), VarHandleOp.sharedName(name));
    ReadVariableOp<TFloat32> value =
        tf.withName(safe(name) + "_read").readVariableOp(handle, TFloat32.class);
    Placeholder<TFloat32> feed =
        tf.withName(safe(name) + "_feed")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
    AssignVariableOp assign = tf.withName(safe(name) + "_assign").assignVariableOp(handle, feed);
    Parameter p =
        new Parameter(name, shape, init, lrScale, decay, trainable, handle, value, feed, assign);
    byName.put(name, p);
    return p;
  }

  /** The trainable parameters in creation order. */
  public List<Parameter> trainable() {
    return byName.values().stream().filter(Parameter::trainable).toList();
  }

  /** Every parameter in creation order. */
  public List<Parameter> all() {
    return new ArrayList<>(byName.values());
  }

  /** Number of trainable entries. */
  public long count() {
    return trainable().stream().mapToLong(Parameter::numel).sum();
  }

  /** Assigns every parameter its initial value, drawn from {@code seed}. */
  public void initialize(Session session, TensorFactory tensors, long seed) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Parameter p : byName.values()) {
      values.put(p.name(), draw(p, seed));
    }
    load(session, tensors, values);
  }

  /** The current value of every parameter, by name. */
  public Map<String, float[]> read(Session session, TensorFactory tensors) {
    Map<String, float[]> values = new LinkedHashMap<>();
    List<Parameter> list = all();
    Session.Runner runner = session.runner();
    list.forEach(p -> runner.fetch(p.value()));
    try (Fetched fetched = tensors.run(runner)) {
      for (int i = 0; i < list.size(); i++) {
        values.put(list.get(i).name(), fetched.floats(i));
      }
    }
    return values;
  }

  /** Assigns the given values; every parameter must have one of the right size. */
  public void load(Session session, TensorFactory tensors, Map<String, float[]> values) {
    List<OwnedTensor<TFloat32>> fed = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Parameter p : byName.values()) {
        float[] v = values.get(p.name());
        if (v == null || v.length != p.numel()) {
          throw new IllegalArgumentException(
              "no value of "
                  + p.numel()
                  + " entries for "
                  + p.name()
                  + (v == null ? "" : ", got " + v.length));
        }
        OwnedTensor<TFloat32> t = tensors.floats(p.shape(), v);
        fed.add(t);
        runner.feed(p.feed(), t.get()).addTarget(p.assign());
      }
      tensors.run(runner).close();
    } finally {
      fed.forEach(OwnedTensor::close);
    }
  }

  private static float[] draw(Parameter p, long seed) {
    float[] v = new float[Math.toIntExact(p.numel())];
    Init init = p.init();
    if (!init.gaussian()) {
      java.util.Arrays.fill(v, (float) init.value());
      return v;
    }
    SplittableRandom random =
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + p.name().hashCode());
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (init.value() * gaussian(random));
    }
    return v;
  }

  /** A standard normal draw by Box-Muller, from a generator that splits deterministically. */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double w = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_./-]", "_");
  }
}
