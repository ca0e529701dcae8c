package io.einstruct.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.eval.DoubleTensor;

/** Small dense-matrix helpers for building textbook matrices in tests. */
public final class Matrices {
  private Matrices() {}

  /** The entry of {@code t} at {@code position}, axes in {@code t}'s order. */
  public static double at(DoubleTensor t, int... position) {
    long[] strides = t.strides();
    long flat = 0;
    for (int i = 0; i < position.length; i++) {
      flat += strides[i] * position[i];
    }
    return t.data()[(int) flat];
  }

  /** {@code a · b}. */
  public static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        for (int j = 0; j < b[0].length; j++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  /** The transpose. */
  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /** The Kronecker product: {@code (a ⊗ b)[i·p + k][j·q + l] = a[i][j] · b[k][l]}. */
  public static double[][] kronecker(double[][] a, double[][] b) {
    int p = b.length;
    int q = b[0].length;
    double[][] c = new double[a.length * p][a[0].length * q];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        for (int k = 0; k < p; k++) {
          for (int l = 0; l < q; l++) {
            c[i * p + k][j * q + l] = a[i][j] * b[k][l];
          }
        }
      }
    }
    return c;
  }

  /** {@code w · x} for each row of {@code x}. */
  public static double[][] applyRows(double[][] w, double[][] x) {
    return transpose(multiply(w, transpose(x)));
  }

  /** Asserts equal shapes and entries within {@code tolerance} relative to the largest entry. */
  public static void assertClose(double[][] actual, double[][] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    double scale = 1e-300;
    for (double[] row : expected) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i].length).isEqualTo(expected[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        double error = Math.abs(actual[i][j] - expected[i][j]) / scale;
        if (error > tolerance) {
          throw new AssertionError(
              "entry ["
                  + i
                  + "]["
                  + j
                  + "] is "
                  + actual[i][j]
                  + ", expected "
                  + expected[i][j]
                  + " (relative error "
                  + error
                  + ")");
        }
      }
    }
  }
}
