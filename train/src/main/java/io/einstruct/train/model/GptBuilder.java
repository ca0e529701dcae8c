package io.einstruct.train.model;

import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.Init;
import io.einstruct.train.compile.Net;
import io.einstruct.train.compile.Parameter;
import io.einstruct.train.compile.Parameters;
import io.einstruct.train.data.Loss;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds a {@link GptSpec} into a {@link Model}. The loss is the mean next-token cross-entropy over
 * every position of every sequence, against one-hot labels (TensorFlow has no gradient for the
 * sparse form).
 */
public final class GptBuilder {
  private GptBuilder() {}

  /**
   * Builds the model.
   *
   * @param batch the training batch size in sequences
   */
  public static Model build(
      GptSpec spec, CompileOptions options, AdamConfig adam, int batch, SessionOptions session) {
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph).withDevice(session.device().spec());
      Parameters parameters = new Parameters();
      Net net = new Net(tf, parameters, options);
      int d = spec.body().width();
      int t = spec.context();
      Placeholder<TInt32> tokens =
          tf.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, t)));
      Placeholder<TInt32> labels =
          tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, t)));
      Init embedding = Init.normal(GptSpec.EMBEDDING_STD);
      Parameter wte =
          parameters.create(tf, "wte", new long[] {spec.vocab(), d}, embedding, 1.0, true, true);
      Parameter wpe = parameters.create(tf, "wpe", new long[] {t, d}, embedding, 1.0, true, true);
      Operand<TFloat32> e =
          tf.math.add(tf.gather(wte.value(), tokens, tf.constant(0)), wpe.value());
      Operand<TFloat32> h =
          spec.body().apply(net, tf.reshape(e, tf.constant(new int[] {-1, d})), t, true, batch * t);
      h = LayerNorm.apply(net, "final_norm", h, d);
      Operand<TFloat32> logits = spec.headLayer().apply(net, batch * t, h);
      Operand<TFloat32> target =
          tf.oneHot(
              tf.reshape(labels, tf.constant(new int[] {-1})),
              tf.constant(spec.vocab()),
              tf.constant(1f),
              tf.constant(0f));
      ModelInfo info = ModelInfos.checked(spec.info(options.weightNorm()), parameters);
      Inputs inputs = new Inputs(null, tokens, null, labels, t, t);
      return Model.of(
          Heads.finish(graph, net, inputs, logits, target, Loss.CROSS_ENTROPY, h, adam, info),
          adam,
          session);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }
}
