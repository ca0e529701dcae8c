package io.einstruct.search.fit;

import java.util.List;

/**
 * The scaling law of one structure.
 *
 * @param label the structure
 * @param points every evaluation pooled over its trials
 * @param frontier the frontier points the law is fitted to
 * @param law the fitted law, or null with fewer than 3 frontier points
 * @param best the lowest value reached
 * @param multiplier geometric-mean compute multiplier against dense, C_dense(L) / C(L), over the
 *     frontier points whose loss the dense frontier also reaches (null without dense or overlap)
 * @param multiplierStd its geometric standard deviation (a factor, at least 1) over those points
 * @param multiplierAtBest the multiplier at the structure's best frontier point
 */
public record StructureFit(
    String label,
    int points,
    List<FitPoint> frontier,
    PowerLaw law,
    double best,
    Double multiplier,
    Double multiplierStd,
    Double multiplierAtBest) {
  public StructureFit {
    frontier = List.copyOf(frontier);
  }
}
