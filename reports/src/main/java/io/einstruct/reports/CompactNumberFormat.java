package io.einstruct.reports;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Axis labels people read at a glance: three significant digits ({@code 0.891}, {@code 12.5}), and
 * powers of ten as {@code 1e10} or {@code 3.16e9} outside [0.001, 10 000).
 */
final class CompactNumberFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;

  @Override
  public StringBuffer format(double number, StringBuffer out, FieldPosition pos) {
    double a = Math.abs(number);
    if (number == 0) {
      return out.append('0');
    }
    if (a >= 1e-3 && a < 1e4) {
      // three significant digits, written out: %.3g would print 1000 as 1.00e+03
      return out.append(
          new java.math.BigDecimal(number)
              .round(new java.math.MathContext(3))
              .stripTrailingZeros()
              .toPlainString());
    }
    int exponent = (int) Math.floor(Math.log10(a));
    double mantissa = number / Math.pow(10, exponent);
    // 9.9999e9 is 1e10: round the mantissa first, and carry a 10 into the exponent
    if (Math.abs(Math.round(mantissa * 100) / 100.0) >= 10) {
      mantissa /= 10;
      exponent++;
    }
    String m =
        String.format(Locale.ROOT, "%.2f", mantissa)
            .replaceFirst("0+$", "")
            .replaceFirst("\\.$", "");
    return out.append(m.equals("1") ? "1" : m).append('e').append(exponent);
  }

  /** {@code value} as an axis label shows it. */
  static String text(double value) {
    return new CompactNumberFormat().format(value);
  }

  @Override
  public StringBuffer format(long number, StringBuffer out, FieldPosition pos) {
    return format((double) number, out, pos);
  }

  @Override
  public Number parse(String source, ParsePosition pos) {
    throw new UnsupportedOperationException("axis labels are never parsed");
  }
}
