package io.einstruct.train.optim;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The ops of one optimisation step in a graph. Each step feeds the schedule factor and Adam's bias
 * corrections, which depend only on the step number, and runs {@link #update()}.
 *
 * @param update runs every variable's update
 * @param schedule the learning-rate factor of this step
 * @param correction1 1 − β1^t
 * @param correction2 1 − β2^t
 * @param gradientNorm the global gradient norm before clipping
 */
public record TrainStep(
    Op update,
    Placeholder<TFloat32> schedule,
    Placeholder<TFloat32> correction1,
    Placeholder<TFloat32> correction2,
    Operand<TFloat32> gradientNorm) {}
