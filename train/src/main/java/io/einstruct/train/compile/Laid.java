package io.einstruct.train.compile;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A tensor and the order of its axes, by index name. Steps leave their results in whatever order is
 * cheapest to produce, and the next step reads them in that order, so no step transposes its output
 * only for the next one to transpose it back.
 *
 * @param tensor the values
 * @param order the index name of each axis
 */
record Laid(Operand<TFloat32> tensor, List<String> order) {
  Laid {
    order = List.copyOf(order);
  }
}
