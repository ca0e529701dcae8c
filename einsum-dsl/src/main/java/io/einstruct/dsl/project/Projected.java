package io.einstruct.dsl.project;

import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.model.Structure;
import java.util.Map;

/**
 * The factors nearest to a dense matrix and how near they are.
 *
 * @param structure the structure projected onto
 * @param factors a value for every factor, indices as in the structure
 * @param method the method used (never {@link ProjectionMethod#AUTO})
 * @param relativeError {@code ‖W − Ŵ‖ / ‖W‖} in Frobenius norm over the whole matrix
 * @param sweeps the alternating sweeps made (0 for the closed form)
 */
public record Projected(
    Structure structure,
    Map<String, DoubleTensor> factors,
    ProjectionMethod method,
    double relativeError,
    int sweeps) {
  public Projected {
    factors = Map.copyOf(factors);
  }
}
