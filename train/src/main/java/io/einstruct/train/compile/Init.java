package io.einstruct.train.compile;

/**
 * How a parameter starts: Gaussian with a standard deviation, or a constant.
 *
 * @param gaussian true for N(0, value²), false for the constant {@code value}
 * @param value the standard deviation or the constant
 */
public record Init(boolean gaussian, double value) {
  /** All zeros. */
  public static final Init ZERO = new Init(false, 0);

  /** All ones. */
  public static final Init ONE = new Init(false, 1);

  /** Gaussian with standard deviation {@code std}. */
  public static Init normal(double std) {
    return new Init(true, std);
  }
}
