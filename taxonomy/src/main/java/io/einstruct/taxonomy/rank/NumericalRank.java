package io.einstruct.taxonomy.rank;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The numerical rank of a dense matrix by SVD (EJML): the number of singular values above {@code
 * max(rows, cols) · ulp(σ_max)}, numpy's default tolerance.
 */
public final class NumericalRank {
  private NumericalRank() {}

  /** The numerical rank of {@code w} (rows × columns). */
  public static int of(double[][] w) {
    DMatrixRMaj m = new DMatrixRMaj(w);
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
    if (!svd.decompose(m.copy())) {
      throw new IllegalStateException("SVD did not converge");
    }
    double[] values = svd.getSingularValues();
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double tolerance = Math.max(m.numRows, m.numCols) * Math.ulp(max);
    int rank = 0;
    for (double v : values) {
      if (v > tolerance) {
        rank++;
      }
    }
    return rank;
  }
}
