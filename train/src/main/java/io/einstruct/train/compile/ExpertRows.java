package io.einstruct.train.compile;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The rows routed to one expert, and their way back: an expert runs on {@link #rows} gathered from
 * its input and {@link #combine} scatters its outputs to their rows weighted by their gates. An
 * unchosen expert's gate is exactly 0 after the router's masked softmax, so the gathered rows are
 * the ones that chose it.
 *
 * @param gate the expert's gate for every row, [N]
 * @param chosen the rows whose gate is positive, [K]
 * @param total N, the number of rows
 */
public record ExpertRows(Operand<TFloat32> gate, Operand<TInt64> chosen, Operand<TInt32> total) {
  /** Expert {@code e}'s rows of the [N, d] input {@code x}, from the [N, E] gates. */
  public static ExpertRows of(Ops tf, Operand<TFloat32> gates, int e, Operand<TFloat32> x) {
    Operand<TFloat32> g =
        tf.reshape(
            tf.slice(gates, tf.constant(new int[] {0, e}), tf.constant(new int[] {-1, 1})),
            tf.constant(new int[] {-1}));
    Operand<TInt64> chosen =
        tf.reshape(tf.where(tf.math.greater(g, tf.constant(0f))), tf.constant(new int[] {-1}));
    Operand<TInt32> total =
        tf.reshape(
            tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
            tf.constant(new int[0]));
    return new ExpertRows(g, chosen, total);
  }

  /** The chosen rows of {@code x}, [K, d]. */
  public Operand<TFloat32> rows(Ops tf, Operand<TFloat32> x) {
    return tf.gather(x, chosen, tf.constant(0));
  }

  /** {@code y} ([K, d_out]) weighted by the chosen rows' gates, back in all N rows. */
  public Operand<TFloat32> combine(Ops tf, Operand<TFloat32> y) {
    Operand<TFloat32> w =
        tf.reshape(tf.gather(gate, chosen, tf.constant(0)), tf.constant(new int[] {-1, 1}));
    return tf.math.unsortedSegmentSum(tf.math.mul(w, y), chosen, total);
  }
}
