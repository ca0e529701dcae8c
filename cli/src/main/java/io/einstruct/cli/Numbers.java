package io.einstruct.cli;

import java.util.Locale;

/** How numbers are shown in text output. */
final class Numbers {
  private Numbers() {}

  /** An integer with thousands separators: {@code 1,048,576}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A real with {@code digits} significant digits, trailing zeros dropped. */
  static String real(double v, int digits) {
    if (Double.isNaN(v)) {
      return "?";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    String s = String.format(Locale.ROOT, "%." + digits + "g", v);
    if (s.contains("e")) {
      return s;
    }
    return s.contains(".") ? s.replaceFirst("0+$", "").replaceFirst("\\.$", "") : s;
  }

  /** A total divided by a batch: an integer with separators when it divides, else a real. */
  static String perInput(long total, int batch) {
    return total % batch == 0 ? count(total / batch) : real((double) total / batch, 6);
  }

  /** A ratio such as {@code 16×}. */
  static String times(double ratio) {
    return real(ratio, 3) + "×";
  }
}
