package io.einstruct.train.compile;

import io.einstruct.dsl.model.Structure;
import io.einstruct.train.tf.Fetched;
import io.einstruct.train.tf.OwnedTensor;
import io.einstruct.train.tf.TensorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One compiled layer in its own graph and session, for tests: run it, read and write its
 * parameters, and take gradients of {@code sum(y · r)}.
 */
final class LayerHarness implements AutoCloseable {
  final Graph graph = new Graph();
  final Session session;
  final TensorFactory tensors = new TensorFactory();
  final Parameters parameters = new Parameters();
  final CompiledLayer layer;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> r;
  private final Operand<TFloat32> loss;
  private final List<Output<?>> gradients = new ArrayList<>();
  private final List<Parameter> trainable;

  LayerHarness(Structure s, LayerSpecBuilder spec, CompileOptions options, long seed) {
    Ops tf = Ops.create(graph);
    x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, s.dIn())));
    r = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, s.dOut())));
    Net net = new Net(tf, parameters, options);
    layer = LayerCompiler.compile(net, spec.build(s), x);
    loss = tf.reduceSum(tf.math.mul(layer.output(), r), tf.constant(new int[] {0, 1}));
    trainable = parameters.trainable();
    Output<?>[] reads = trainable.stream().map(p -> p.value().asOutput()).toArray(Output[]::new);
    for (Output<?> g : graph.addGradients(loss.asOutput(), reads)) {
      gradients.add(g);
    }
    session = new Session(graph);
    parameters.initialize(session, tensors, seed);
  }

  /** The layer applied to each row of {@code input}. */
  float[] forward(float[] input, int batch) {
    try (OwnedTensor<TFloat32> in =
            tensors.floats(new long[] {batch, layer.structure().dIn()}, input);
        Fetched out = tensors.run(session.runner().feed(x, in.get()).fetch(layer.output()))) {
      return out.floats(0);
    }
  }

  /** sum(y · r) and its gradient for each trainable parameter, in creation order. */
  Result lossAndGradients(float[] input, float[] weights, int batch) {
    try (OwnedTensor<TFloat32> in =
            tensors.floats(new long[] {batch, layer.structure().dIn()}, input);
        OwnedTensor<TFloat32> w =
            tensors.floats(new long[] {batch, layer.structure().dOut()}, weights)) {
      var runner = session.runner().feed(x, in.get()).feed(r, w.get()).fetch(loss);
      gradients.forEach(runner::fetch);
      try (Fetched out = tensors.run(runner)) {
        List<float[]> grads = new ArrayList<>();
        for (int i = 0; i < gradients.size(); i++) {
          grads.add(out.floats(i + 1));
        }
        return new Result(out.scalar(0), grads);
      }
    }
  }

  Map<String, float[]> values() {
    return parameters.read(session, tensors);
  }

  void load(Map<String, float[]> values) {
    parameters.load(session, tensors, values);
  }

  List<Parameter> trainable() {
    return trainable;
  }

  record Result(float loss, List<float[]> gradients) {}

  /** Builds the layer spec once the structure is known. */
  interface LayerSpecBuilder {
    LayerSpec build(Structure s);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
