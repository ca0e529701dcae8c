package io.einstruct.train.model;

import io.einstruct.train.data.Batch;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.optim.TrainStep;
import io.einstruct.train.tf.Fetched;
import io.einstruct.train.tf.NativeLog;
import io.einstruct.train.tf.OwnedTensor;
import io.einstruct.train.tf.SessionOptions;
import io.einstruct.train.tf.StepTrace;
import io.einstruct.train.tf.TensorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * A model compiled into one graph with its loss and optimiser step, and the session that runs it.
 * Owns both; closing the model frees them, after which every method throws. MLPs, ViTs and GPTs are
 * all run through this class: they differ only in the graph their builder made.
 */
public final class Model implements AutoCloseable {
  private final ModelGraph g;
  private final Session session;
  private final TensorFactory tensors = new TensorFactory();
  private final AdamConfig adam;
  private boolean closed;

  /** Takes ownership of {@code graph}; closes it if the session cannot be made. */
  static Model of(ModelGraph graph, AdamConfig adam, SessionOptions options) {
    try {
      return new Model(graph, new Session(graph.graph(), options.config()), adam);
    } catch (RuntimeException e) {
      graph.graph().close();
      throw e;
    }
  }

  private Model(ModelGraph graph, Session session, AdamConfig adam) {
    this.g = graph;
    this.session = session;
    this.adam = adam;
  }

  /** Sizes and costs. */
  public ModelInfo info() {
    return g.info();
  }

  /** Features (or tokens) per example. */
  public int inputWidth() {
    return g.inputs().width();
  }

  /** Targets (or labels) per example. */
  public int outputWidth() {
    return g.inputs().outputs();
  }

  /**
   * Sets every parameter to its μP initial value drawn from {@code seed}; zeroes Adam's moments.
   */
  public void initialize(long seed) {
    open();
    NativeLog.firstRun(
        () -> {
          g.parameters().initialize(session, tensors, seed);
          return null;
        });
  }

  /**
   * One optimiser step on {@code batch}.
   *
   * @param batch the examples
   * @param schedule the learning-rate factor of this step
   * @param number the 1-based number of this step, for Adam's bias corrections
   */
  public StepResult train(Batch batch, double schedule, long number) {
    open();
    TrainStep step = g.step();
    List<OwnedTensor<?>> owned = new ArrayList<>();
    try {
      OwnedTensor<TFloat32> factor = scalar(owned, schedule);
      OwnedTensor<TFloat32> c1 = scalar(owned, 1 - Math.pow(adam.beta1(), number));
      OwnedTensor<TFloat32> c2 = scalar(owned, 1 - Math.pow(adam.beta2(), number));
      Session.Runner runner =
          session
              .runner()
              .feed(step.schedule(), factor.get())
              .feed(step.correction1(), c1.get())
              .feed(step.correction2(), c2.get());
      g.inputs().feed(runner, batch, tensors, owned, true);
      runner
          .fetch(g.dataLoss())
          .fetch(g.auxLoss())
          .fetch(step.gradientNorm())
          .fetch(g.error())
          .fetch(g.routerPerplexity())
          .fetch(g.routerSpread())
          .addTarget(step.update());
      try (Fetched out = tensors.run(runner)) {
        return new StepResult(
            out.scalar(0),
            out.scalar(1),
            out.scalar(2),
            out.scalar(3),
            new RouterStats(out.scalar(4), out.scalar(5)));
      }
    } finally {
      owned.forEach(OwnedTensor::close);
    }
  }

  /**
   * One optimiser step on {@code batch}, like {@link #train}, traced: which ops ran and for how
   * long. The step is taken (the parameters change).
   */
  public StepTrace trace(Batch batch, double schedule, long number) {
    open();
    TrainStep step = g.step();
    List<OwnedTensor<?>> owned = new ArrayList<>();
    try {
      Session.Runner runner =
          session
              .runner()
              .feed(step.schedule(), scalar(owned, schedule).get())
              .feed(step.correction1(), scalar(owned, 1 - Math.pow(adam.beta1(), number)).get())
              .feed(step.correction2(), scalar(owned, 1 - Math.pow(adam.beta2(), number)).get());
      g.inputs().feed(runner, batch, tensors, owned, true);
      runner.fetch(g.dataLoss()).addTarget(step.update());
      return tensors.trace(runner, g.graph());
    } finally {
      owned.forEach(OwnedTensor::close);
    }
  }

  /** A scalar tensor, added to {@code owned} so that the caller closes it. */
  private OwnedTensor<TFloat32> scalar(List<OwnedTensor<?>> owned, double value) {
    OwnedTensor<TFloat32> t = tensors.scalar((float) value);
    owned.add(t);
    return t;
  }

  /** The mean data loss and error rate on {@code batch}, without training. */
  public Evaluation evaluate(Batch batch) {
    open();
    List<OwnedTensor<?>> owned = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      g.inputs().feed(runner, batch, tensors, owned, true);
      runner.fetch(g.dataLoss()).fetch(g.error());
      try (Fetched out = tensors.run(runner)) {
        return new Evaluation(out.scalar(0), out.scalar(1));
      }
    } finally {
      owned.forEach(OwnedTensor::close);
    }
  }

  /**
   * The model's output on {@code batch}, row after row: logits [size, classes] for classifiers,
   * [size, tokens, vocabulary] for a GPT; predictions [size, outputs] for regression.
   */
  public float[] outputs(Batch batch) {
    open();
    List<OwnedTensor<?>> owned = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      g.inputs().feed(runner, batch, tensors, owned, false);
      try (Fetched out = tensors.run(runner.fetch(g.output()))) {
        return out.floats(0);
      }
    } finally {
      owned.forEach(OwnedTensor::close);
    }
  }

  /**
   * The last hidden activation (the head's input) on {@code batch}: [size, width] for MLPs, [size,
   * tokens, width] for transformers.
   */
  public float[] hidden(Batch batch) {
    open();
    List<OwnedTensor<?>> owned = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      g.inputs().feed(runner, batch, tensors, owned, false);
      try (Fetched out = tensors.run(runner.fetch(g.hidden()))) {
        return out.floats(0);
      }
    } finally {
      owned.forEach(OwnedTensor::close);
    }
  }

  /**
   * The trainable parameters with their shapes, in creation order: every factor of every layer,
   * embeddings, norms and the head, without Adam's moments.
   */
  public List<io.einstruct.dsl.tensor.NamedTensor> weights() {
    Map<String, float[]> values = state();
    List<io.einstruct.dsl.tensor.NamedTensor> out = new ArrayList<>();
    for (var p : g.parameters().trainable()) {
      out.add(new io.einstruct.dsl.tensor.NamedTensor(p.name(), p.shape(), values.get(p.name())));
    }
    return out;
  }

  /**
   * Writes a TensorFlow SavedModel into {@code dir} (which must not exist): the graph, the
   * variables' current values and one {@code serving_default} signature from {@code inputs} (a
   * batch of examples, or of token windows) to {@code logits} (the model's output), so that
   * TensorFlow Serving, Python's {@code tf.saved_model.load} and {@code SavedModelBundle.load}
   * serve it. The training ops stay in the graph; the signature reaches none of them.
   */
  public void exportSavedModel(java.nio.file.Path dir) throws java.io.IOException {
    open();
    resourceSaver();
    Inputs in = g.inputs();
    org.tensorflow.Signature signature =
        org.tensorflow.Signature.builder()
            .key(org.tensorflow.Signature.DEFAULT_KEY)
            .input("inputs", in.features() != null ? in.features() : in.tokens())
            .output("logits", g.output())
            .build();
    org.tensorflow.SavedModelBundle.exporter(dir.toString())
        .withSession(session)
        .withSignature(signature)
        .export();
  }

  /**
   * Save and restore ops for the resource variables, named as TensorFlow Java's saver looks for
   * them ({@code save/filename}, {@code save/control_dependency}, {@code save/restore_all}): its
   * own saver handles only reference variables (a TODO in {@code Graph.addVariableSaver}) and would
   * write a SavedModel without any weight.
   */
  private void resourceSaver() {
    org.tensorflow.Graph graph = g.graph();
    if (graph.operation("save/restore_all") != null) {
      return;
    }
    org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(graph).withSubScope("save");
    var params = g.parameters().all();
    String[] names =
        params.stream().map(io.einstruct.train.compile.Parameter::name).toArray(String[]::new);
    var filename = tf.withName("filename").placeholder(org.tensorflow.types.TString.class);
    var nameTensor = tf.constant(org.tensorflow.ndarray.StdArrays.ndCopyOf(names));
    var slices = tf.zerosLike(nameTensor);
    List<org.tensorflow.Operand<?>> values = new ArrayList<>();
    List<Class<? extends org.tensorflow.types.family.TType>> types = new ArrayList<>();
    for (var p : params) {
      values.add(p.value());
      types.add(TFloat32.class);
    }
    var save = tf.train.save(filename, nameTensor, slices, values);
    tf.withControlDependencies(List.of(filename, save))
        .withName("control_dependency")
        .identity(filename);
    var restored = tf.train.restore(filename, nameTensor, slices, types);
    List<org.tensorflow.op.Op> assigns = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      assigns.add(tf.assignVariableOp(params.get(i).handle(), restored.tensors().get(i)));
    }
    tf.withControlDependencies(assigns).withName("restore_all").noOp();
  }

  /** Every variable's value, Adam's moments included, by name. */
  public Map<String, float[]> state() {
    open();
    return g.parameters().read(session, tensors);
  }

  /** Restores values saved by {@link #state()}. */
  public void restore(Map<String, float[]> state) {
    open();
    NativeLog.firstRun(
        () -> {
          g.parameters().load(session, tensors, state);
          return null;
        });
  }

  /** Each trainable parameter's learning-rate scale (its rate is base_lr times this), by name. */
  public Map<String, Double> learningRateScales() {
    Map<String, Double> scales = new LinkedHashMap<>();
    g.parameters().trainable().forEach(p -> scales.put(p.name(), p.lrScale()));
    return scales;
  }

  /** Tensors made for this model and not yet closed; 0 between calls. */
  public long liveTensors() {
    return tensors.live();
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("model is closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        session.close();
      } finally {
        g.graph().close();
      }
    }
  }

  /**
   * A forward pass without training.
   *
   * @param loss mean data loss over the batch
   * @param error fraction of wrong predictions (per token for GPTs); NaN for regression
   */
  public record Evaluation(float loss, float error) {}
}
