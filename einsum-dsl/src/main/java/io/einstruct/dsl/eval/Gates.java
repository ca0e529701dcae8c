package io.einstruct.dsl.eval;

/**
 * Top-k softmax gates of a router: for each input, the k largest logits (ties: the lower index, as
 * TensorFlow's {@code top_k}) get a softmax over those k; the others get 0.
 */
public final class Gates {
  private Gates() {}

  /**
   * Gates for a batch of logits.
   *
   * @param logits one row of E logits per input
   * @param k how many experts each input uses
   * @return one row of E gates per input; each row sums to 1 over its k chosen experts
   */
  public static double[][] topK(double[][] logits, int k) {
    double[][] gates = new double[logits.length][];
    for (int n = 0; n < logits.length; n++) {
      double[] row = logits[n];
      if (k < 1 || k > row.length) {
        throw new IllegalArgumentException("top " + k + " of " + row.length + " experts");
      }
      boolean[] chosen = new boolean[row.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        int best = -1;
        for (int e = 0; e < row.length; e++) {
          if (!chosen[e] && (best < 0 || row[e] > row[best])) {
            best = e;
          }
        }
        chosen[best] = true;
        max = Math.max(max, row[best]);
      }
      double sum = 0;
      gates[n] = new double[row.length];
      for (int e = 0; e < row.length; e++) {
        if (chosen[e]) {
          gates[n][e] = Math.exp(row[e] - max);
          sum += gates[n][e];
        }
      }
      for (int e = 0; e < row.length; e++) {
        gates[n][e] /= sum;
      }
    }
    return gates;
  }
}
