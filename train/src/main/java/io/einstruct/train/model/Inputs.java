package io.einstruct.train.model;

import io.einstruct.train.data.Batch;
import io.einstruct.train.tf.OwnedTensor;
import io.einstruct.train.tf.TensorFactory;
import java.util.List;
import org.tensorflow.Session;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The placeholders a model is fed through: features or tokens, and targets or labels.
 *
 * @param features [N, width] features, or null
 * @param tokens [N, width] token ids, or null
 * @param targets [N, outputs] targets, or null
 * @param labels [N, outputs] label ids, or null
 * @param width features or tokens per example
 * @param outputs targets or labels per example
 */
public record Inputs(
    Placeholder<TFloat32> features,
    Placeholder<TInt32> tokens,
    Placeholder<TFloat32> targets,
    Placeholder<TInt32> labels,
    int width,
    int outputs) {

  /** Feeds {@code batch}; the tensors made are added to {@code owned}, which the caller closes. */
  void feed(
      Session.Runner runner,
      Batch batch,
      TensorFactory tensors,
      List<OwnedTensor<?>> owned,
      boolean withTargets) {
    long[] in = {batch.size(), width};
    if (features != null) {
      OwnedTensor<TFloat32> t = tensors.floats(in, batch.inputs());
      owned.add(t);
      runner.feed(features, t.get());
    } else {
      OwnedTensor<TInt32> t = tensors.ints(in, batch.tokens());
      owned.add(t);
      runner.feed(tokens, t.get());
    }
    if (!withTargets) {
      return;
    }
    long[] out = {batch.size(), outputs};
    if (targets != null) {
      OwnedTensor<TFloat32> t = tensors.floats(out, batch.targets());
      owned.add(t);
      runner.feed(targets, t.get());
    } else {
      OwnedTensor<TInt32> t = tensors.ints(out, batch.labels());
      owned.add(t);
      runner.feed(labels, t.get());
    }
  }
}
