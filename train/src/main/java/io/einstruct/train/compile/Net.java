package io.einstruct.train.compile;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The state of building one graph: its ops (placed on the model's device), its parameters, the
 * compile options, and the auxiliary losses routed layers add. Lives while one model is built.
 */
public final class Net {
  private final Ops tf;
  private final Parameters parameters;
  private final CompileOptions options;
  private final List<Gate> gates = new ArrayList<>();

  /** A net building into {@code tf}. */
  public Net(Ops tf, Parameters parameters, CompileOptions options) {
    this.tf = tf;
    this.parameters = parameters;
    this.options = options;
  }

  public Ops tf() {
    return tf;
  }

  public Parameters parameters() {
    return parameters;
  }

  public CompileOptions options() {
    return options;
  }

  /** Records a routed layer's gate and load-balancing loss. */
  void addGate(Gate gate) {
    gates.add(gate);
  }

  /** The gates of every routed layer so far. */
  public List<Gate> gates() {
    return List.copyOf(gates);
  }

  /** A float scalar constant. */
  public Operand<TFloat32> scalar(double value) {
    return tf.constant((float) value);
  }
}
