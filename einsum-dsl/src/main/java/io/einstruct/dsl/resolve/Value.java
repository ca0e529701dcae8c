package io.einstruct.dsl.resolve;

/**
 * The value of an expression: an exact integer or a real number. Integer arithmetic stays exact
 * (and a division that does not divide is an error); any real operand makes the result real.
 *
 * @param value the number
 * @param integer true if the value is an exact integer
 */
public record Value(double value, boolean integer) {
  /** Largest magnitude an exact integer may have: doubles represent every integer up to it. */
  public static final double MAX_EXACT = 9007199254740992.0;

  public Value {
    if (integer && (value != Math.rint(value) || Math.abs(value) > MAX_EXACT)) {
      throw new IllegalArgumentException("not an exact integer: " + value);
    }
  }

  /** An exact integer. */
  public static Value of(long n) {
    return new Value(n, true);
  }

  /** A real number. */
  public static Value real(double x) {
    return new Value(x, false);
  }

  /** True if the value is a whole number, exact or real. */
  public boolean isWhole() {
    return Double.isFinite(value) && value == Math.rint(value);
  }

  /** The value as a long; callers check {@link #isWhole()} first. */
  public long asLong() {
    return (long) value;
  }

  @Override
  public String toString() {
    if (integer || (isWhole() && Math.abs(value) < 1e15)) {
      return Long.toString((long) value);
    }
    return String.format("%.6g", value).replaceFirst("\\.?0+(e|$)", "$1");
  }
}
