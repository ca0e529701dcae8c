package io.einstruct.search.fit;

/**
 * A structure's scaling law fitted twice: against training compute (FLOPs) and against the training
 * seconds its trials measured, so that what a FLOP ranking promises can be read next to what a
 * researcher waits for.
 *
 * @param compute the fit against FLOPs (total or non-embedding)
 * @param seconds the fit against training wall-clock seconds (evaluations excluded), or null when
 *     the structure has no timed evaluations
 */
public record DualFit(StructureFit compute, StructureFit seconds) {
  public DualFit {
    if (compute == null) {
      throw new IllegalArgumentException("a dual fit needs its compute fit");
    }
    if (seconds != null && !seconds.label().equals(compute.label())) {
      throw new IllegalArgumentException(
          "fits of " + compute.label() + " and " + seconds.label() + " paired");
    }
  }

  /** The structure's label. */
  public String label() {
    return compute.label();
  }
}
