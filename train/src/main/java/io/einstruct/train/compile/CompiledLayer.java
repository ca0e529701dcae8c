package io.einstruct.train.compile;

import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.plan.ContractionPlan;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A linear layer in a graph.
 *
 * @param output the layer's output, [N, d_out]
 * @param structure the structure it computes
 * @param plan the contraction order it executes
 * @param factors its factor variables, in chain order
 * @param gate its router, if the structure is routed
 */
public record CompiledLayer(
    Operand<TFloat32> output,
    Structure structure,
    ContractionPlan plan,
    List<Parameter> factors,
    Optional<Gate> gate) {
  public CompiledLayer {
    factors = List.copyOf(factors);
  }
}
