package io.einstruct.train.model;

import io.einstruct.train.compile.Parameters;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.optim.TrainStep;
import io.einstruct.train.tf.Fetched;
import io.einstruct.train.tf.OwnedTensor;
import io.einstruct.train.tf.TensorFactory;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A model compiled into one graph with its loss and optimiser step, and the session that runs it.
 * Owns both; closing the model frees them, after which every method throws.
 */
public final class Model implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final TensorFactory tensors = new TensorFactory();
  private final Parameters parameters;
  private final Placeholder<TFloat32> input;
  private final Placeholder<TFloat32> target;
  private final Operand<TFloat32> output;
  private final Operand<TFloat32> hidden;
  private final Operand<TFloat32> dataLoss;
  private final Operand<TFloat32> auxLoss;
  private final TrainStep step;
  private final AdamConfig adam;
  private final ModelInfo info;
  private final int inputWidth;
  private final int outputWidth;
  private boolean closed;

  Model(
      Graph graph,
      Session session,
      Parameters parameters,
      Placeholder<TFloat32> input,
      Placeholder<TFloat32> target,
      Operand<TFloat32> output,
      Operand<TFloat32> hidden,
      Operand<TFloat32> dataLoss,
      Operand<TFloat32> auxLoss,
      TrainStep step,
      AdamConfig adam,
      ModelInfo info,
      int inputWidth,
      int outputWidth) {
    this.graph = graph;
    this.session = session;
    this.parameters = parameters;
    this.input = input;
    this.target = target;
    this.output = output;
    this.hidden = hidden;
    this.dataLoss = dataLoss;
    this.auxLoss = auxLoss;
    this.step = step;
    this.adam = adam;
    this.info = info;
    this.inputWidth = inputWidth;
    this.outputWidth = outputWidth;
  }

  /** Sizes and costs. */
  public ModelInfo info() {
    return info;
  }

  /** Features per example. */
  public int inputWidth() {
    return inputWidth;
  }

  /** Outputs per example. */
  public int outputWidth() {
    return outputWidth;
  }

  /**
   * Sets every parameter to its μP initial value drawn from {@code seed}; zeroes Adam's moments.
   */
  public void initialize(long seed) {
    open();
    parameters.initialize(session, tensors, seed);
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
    float c1 = (float) (1 - Math.pow(adam.beta1(), number));
    float c2 = (float) (1 - Math.pow(adam.beta2(), number));
    try (OwnedTensor<TFloat32> x = inputs(batch);
        OwnedTensor<TFloat32> y = targets(batch);
        OwnedTensor<TFloat32> s = tensors.scalar((float) schedule);
        OwnedTensor<TFloat32> b1 = tensors.scalar(c1);
        OwnedTensor<TFloat32> b2 = tensors.scalar(c2);
        Fetched out =
            tensors.run(
                session
                    .runner()
                    .feed(input, x.get())
                    .feed(target, y.get())
                    .feed(step.schedule(), s.get())
                    .feed(step.correction1(), b1.get())
                    .feed(step.correction2(), b2.get())
                    .fetch(dataLoss)
                    .fetch(auxLoss)
                    .fetch(step.gradientNorm())
                    .fetch(output)
                    .addTarget(step.update()))) {
      return new StepResult(out.scalar(0), out.scalar(1), out.scalar(2), out.floats(3));
    }
  }

  /** The outputs and the mean data loss on {@code batch}, without training. */
  public Evaluation evaluate(Batch batch) {
    open();
    try (OwnedTensor<TFloat32> x = inputs(batch);
        OwnedTensor<TFloat32> y = targets(batch);
        Fetched out =
            tensors.run(
                session
                    .runner()
                    .feed(input, x.get())
                    .feed(target, y.get())
                    .fetch(dataLoss)
                    .fetch(output))) {
      return new Evaluation(out.scalar(0), out.floats(1));
    }
  }

  /** The last hidden activation (the head's input) on {@code inputs}, [size, width]. */
  public float[] hidden(float[] inputs, int size) {
    open();
    try (OwnedTensor<TFloat32> x = tensors.floats(new long[] {size, inputWidth}, inputs);
        Fetched out = tensors.run(session.runner().feed(input, x.get()).fetch(hidden))) {
      return out.floats(0);
    }
  }

  /** Every variable's value, Adam's moments included, by name. */
  public Map<String, float[]> state() {
    open();
    return parameters.read(session, tensors);
  }

  /** Restores values saved by {@link #state()}. */
  public void restore(Map<String, float[]> state) {
    open();
    parameters.load(session, tensors, state);
  }

  /** Each trainable parameter's learning-rate scale (its rate is base_lr times this), by name. */
  public Map<String, Double> learningRateScales() {
    Map<String, Double> scales = new java.util.LinkedHashMap<>();
    parameters.trainable().forEach(p -> scales.put(p.name(), p.lrScale()));
    return scales;
  }

  /** Tensors made for this model and not yet closed; 0 between calls. */
  public long liveTensors() {
    return tensors.live();
  }

  private OwnedTensor<TFloat32> inputs(Batch batch) {
    return tensors.floats(new long[] {batch.size(), inputWidth}, batch.inputs());
  }

  private OwnedTensor<TFloat32> targets(Batch batch) {
    return tensors.floats(new long[] {batch.size(), outputWidth}, batch.targets());
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
      session.close();
      graph.close();
    }
  }

  /**
   * A forward pass without training.
   *
   * @param loss mean data loss over the batch
   * @param outputs [size, outputs]
   */
  public record Evaluation(float loss, float[] outputs) {}
}
