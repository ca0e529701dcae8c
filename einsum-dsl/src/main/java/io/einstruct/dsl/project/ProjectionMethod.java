package io.einstruct.dsl.project;

/** How a dense matrix is projected onto a structure. */
public enum ProjectionMethod {
  /** The closed form where the structure has one, alternating least squares otherwise. */
  AUTO,
  /**
   * The optimum in one step: a truncated SVD of each block for two factors that split every block
   * in two, a copy for one factor holding the matrix as it is.
   */
  CLOSED_FORM,
  /** Alternating least squares over the factors, from a seeded random start. */
  ALS;

  /** The lower-case name used on the command line. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
