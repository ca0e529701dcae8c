package io.einstruct.benchmarks;

import io.einstruct.dsl.model.Structure;
import io.einstruct.train.compile.ActivationLayout;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.CompiledLayer;
import io.einstruct.train.compile.Init;
import io.einstruct.train.compile.LayerCompiler;
import io.einstruct.train.compile.LayerSpec;
import io.einstruct.train.compile.Net;
import io.einstruct.train.compile.Parameter;
import io.einstruct.train.compile.Parameters;
import io.einstruct.train.tf.SessionOptions;
import io.einstruct.train.tf.TensorFactory;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One compiled layer with its input held in a variable, so that a pass moves no data between Java
 * and TensorFlow: the forward pass computes {@code y}; the forward and backward pass computes the
 * gradients of {@code sum(y · r)} with respect to every factor and to the input, as a layer inside
 * a network must. Each pass fetches one scalar, the sum of what it computed: a graph run with
 * targets only lets XLA's clusters skip the work, and the sum costs one read of the results.
 */
final class LayerRunner implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final Operand<TFloat32> forward;
  private final Operand<TFloat32> backward;
  private final CompiledLayer layer;

  LayerRunner(Structure s, int batch, CompileOptions options, SessionOptions threads, long seed) {
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Parameters parameters = new Parameters();
      Net net = new Net(tf, parameters, options);
      // as a model would lay it out: AUTO takes columns for block layers, rows for the rest
      ActivationLayout layout =
          !s.routes().isEmpty()
              ? ActivationLayout.ROWS
              : options.layout() == ActivationLayout.AUTO
                  ? ActivationLayout.preferredFor(s)
                  : options.layout();
      boolean columns = layout == ActivationLayout.COLUMNS;
      long[] in = columns ? new long[] {s.dIn(), batch} : new long[] {batch, s.dIn()};
      long[] out = columns ? new long[] {s.dOut(), batch} : new long[] {batch, s.dOut()};
      Parameter x = parameters.create(tf, "x", in, Init.normal(1), 1, false, true);
      Parameter r = parameters.create(tf, "r", out, Init.normal(1), 1, false, false);
      layer =
          LayerCompiler.compile(
              net,
              new LayerSpec("layer", s, batch, false, false, 1.0, 1.0, false, layout),
              x.value());
      forward = sum(tf, layer.output());
      Operand<TFloat32> loss =
          tf.reduceSum(tf.math.mul(layer.output(), r.value()), tf.constant(new int[] {0, 1}));
      Output<?>[] wrt =
          parameters.trainable().stream().map(p -> p.value().asOutput()).toArray(Output[]::new);
      List<Operand<TFloat32>> sums = new ArrayList<>();
      for (Output<?> g : graph.addGradients(loss.asOutput(), wrt)) {
        sums.add(sum(tf, g.expect(TFloat32.class)));
      }
      backward = tf.math.addN(sums);
      session = new Session(graph, threads.config());
      parameters.initialize(session, new TensorFactory(), seed);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The compiled layer. */
  CompiledLayer layer() {
    return layer;
  }

  private static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> t) {
    int rank = t.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.reduceSum(t, tf.constant(axes));
  }

  /** Computes y; returns the sum of its entries. */
  float forward() {
    return run(forward);
  }

  /** Computes y and every gradient; returns the sum of the gradients' entries. */
  float forwardBackward() {
    return run(backward);
  }

  private float run(Operand<TFloat32> what) {
    try (Result result = session.runner().fetch(what).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
