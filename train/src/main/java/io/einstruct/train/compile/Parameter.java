package io.einstruct.train.compile;

import java.util.Arrays;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReadVariableOp;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;

/**
 * One variable of a graph: a resource variable, its single read (every use of the value goes
 * through it, so gradients accumulate in one place), and a placeholder-fed assignment used to
 * initialise and restore it. Reads are snapshots: an assignment in the same step does not change
 * what was read.
 */
public final class Parameter {
  private final String name;
  private final long[] shape;
  private final Init init;
  private final double lrScale;
  private final boolean decay;
  private final boolean trainable;
  private final VarHandleOp handle;
  private final ReadVariableOp<TFloat32> value;
  private final Placeholder<TFloat32> feed;
  private final AssignVariableOp assign;

  Parameter(
      String name,
      long[] shape,
      Init init,
      double lrScale,
      boolean decay,
      boolean trainable,
      VarHandleOp handle,
      ReadVariableOp<TFloat32> value,
      Placeholder<TFloat32> feed,
      AssignVariableOp assign) {
    this.name = name;
    this.shape = shape.clone();
    this.init = init;
    this.lrScale = lrScale;
    this.decay = decay;
    this.trainable = trainable;
    this.handle = handle;
    this.value = value;
    this.feed = feed;
    this.assign = assign;
  }

  /** Unique name in the graph, e.g. {@code blocks.0.fc1.R}. */
  public String name() {
    return name;
  }

  /** The shape. */
  public long[] shape() {
    return shape.clone();
  }

  /** Number of entries. */
  public long numel() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }

  /** How it starts. */
  public Init init() {
    return init;
  }

  /** Its learning rate is {@code base_lr · lrScale} (μP width multiplier · κ · extra). */
  public double lrScale() {
    return lrScale;
  }

  /** True if decoupled weight decay applies (matrices and factors, not vectors or scalars). */
  public boolean decay() {
    return decay;
  }

  /** False for optimiser state. */
  public boolean trainable() {
    return trainable;
  }

  /** The variable's handle, for assignments. */
  public VarHandleOp handle() {
    return handle;
  }

  /** The value as read in this step. */
  public ReadVariableOp<TFloat32> value() {
    return value;
  }

  /** The placeholder that {@link #assign()} copies into the variable. */
  public Placeholder<TFloat32> feed() {
    return feed;
  }

  /** Assigns the fed value. */
  public AssignVariableOp assign() {
    return assign;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
