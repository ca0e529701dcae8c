package io.einstruct.train.model;

import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.Init;
import io.einstruct.train.compile.Net;
import io.einstruct.train.compile.Parameter;
import io.einstruct.train.compile.Parameters;
import io.einstruct.train.data.ImageShape;
import io.einstruct.train.data.Loss;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Builds a {@link VitSpec} into a {@link Model}. Patches are cut in the graph. */
public final class VitBuilder {
  private VitBuilder() {}

  /**
   * Builds the model.
   *
   * @param batch the training batch size in images
   */
  public static Model build(
      VitSpec spec, CompileOptions options, AdamConfig adam, int batch, SessionOptions session) {
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph).withDevice(session.device().spec());
      Parameters parameters = new Parameters();
      Net net = new Net(tf, parameters, options);
      ImageShape im = spec.image();
      int p = spec.patch();
      int d = spec.body().width();
      int patches = spec.patches();
      int tokens = spec.tokens();
      Placeholder<TFloat32> x =
          tf.withName("input")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, im.features())));
      Placeholder<TFloat32> target =
          tf.withName("target")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.classes())));
      // [N, C, H, W] → [N, H/p, W/p, p, p, C] → one row of p·p·C values per patch
      Operand<TFloat32> cut =
          tf.reshape(
              x, tf.constant(new int[] {-1, im.channels(), im.height() / p, p, im.width() / p, p}));
      cut = tf.linalg.transpose(cut, tf.constant(new int[] {0, 2, 4, 3, 5, 1}));
      cut = tf.reshape(cut, tf.constant(new int[] {-1, spec.patchDim()}));
      Operand<TFloat32> u = LayerNorm.apply(net, "patch_norm_in", cut, spec.patchDim());
      u = spec.patchLayer().apply(net, batch * patches, u);
      u = LayerNorm.apply(net, "patch_norm_out", u, d);
      u = tf.reshape(u, tf.constant(new int[] {-1, patches, d}));
      Parameter cls =
          parameters.create(tf, "cls", new long[] {1, 1, d}, Init.normal(1), 1.0, true, true);
      Parameter positions =
          parameters.create(tf, "pos", new long[] {tokens, d}, Init.normal(1), 1.0, true, true);
      Operand<TFloat32> first =
          tf.math.add(
              tf.zerosLike(
                  tf.slice(
                      u, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, 1, -1}))),
              cls.value());
      Operand<TFloat32> sequence =
          tf.math.add(tf.concat(List.of(first, u), tf.constant(1)), positions.value());
      Operand<TFloat32> h =
          spec.body()
              .apply(
                  net,
                  tf.reshape(sequence, tf.constant(new int[] {-1, d})),
                  tokens,
                  false,
                  batch * tokens);
      h = LayerNorm.apply(net, "final_norm", h, d);
      Operand<TFloat32> pooled =
          tf.reshape(
              tf.slice(
                  tf.reshape(h, tf.constant(new int[] {-1, tokens, d})),
                  tf.constant(new int[] {0, 0, 0}),
                  tf.constant(new int[] {-1, 1, -1})),
              tf.constant(new int[] {-1, d}));
      Operand<TFloat32> out = spec.headLayer().apply(net, batch, pooled);
      ModelInfo info = ModelInfos.checked(spec.info(options.weightNorm()), parameters);
      Inputs inputs = new Inputs(x, null, target, null, im.features(), spec.classes());
      return Model.of(
          Heads.finish(graph, net, inputs, out, target, Loss.CROSS_ENTROPY, pooled, adam, info),
          adam,
          session);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }
}
