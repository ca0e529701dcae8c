package io.einstruct.dsl.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitsTest {
  @ParameterizedTest(name = "split({0}, {1}) = {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "768; 2; 24 32",
        "3072; 2; 48 64",
        "20; 2; 4 5",
        "30; 2; 5 6",
        "4096; 3; 16 16 16",
        "1024; 2; 32 32",
        "1024; 3; 8 8 16",
        "784; 2; 28 28",
        "72; 3; 3 4 6",
        "7; 2; 1 7",
        "1; 2; 1 1",
        "12; 1; 12",
        "50304; 2; 192 262"
      })
  void splitsAsCloseToEqualAsTheDivisorsAllow(long n, int k, String expected) {
    int[] split = Splits.split(n, k);
    List<String> shown = new ArrayList<>();
    for (int f : split) {
      shown.add(String.valueOf(f));
    }
    assertThat(String.join(" ", shown)).isEqualTo(expected);
  }

  @Property(tries = 300)
  void noOtherFactorisationHasASmallerLargestFactor(
      @ForAll @IntRange(min = 1, max = 3000) int n, @ForAll @IntRange(min = 1, max = 4) int k) {
    int[] split = Splits.split(n, k);
    long product = 1;
    for (int i = 0; i < split.length; i++) {
      product *= split[i];
      if (i > 0) {
        assertThat(split[i]).isGreaterThanOrEqualTo(split[i - 1]);
      }
    }
    assertThat(product).isEqualTo(n);
    int[] best = bruteForce(n, k, 1);
    assertThat(split[k - 1]).isEqualTo(best[k - 1]);
    assertThat(split[0]).isEqualTo(best[0]);
  }

  /** Smallest largest factor, then largest smallest factor, by exhaustive search. */
  private static int[] bruteForce(int n, int k, int min) {
    if (k == 1) {
      return n >= min ? new int[] {n} : null;
    }
    int[] best = null;
    for (int d = min; d <= n; d++) {
      if (n % d != 0) {
        continue;
      }
      int[] rest = bruteForce(n / d, k - 1, d);
      if (rest == null) {
        continue;
      }
      int[] candidate = new int[k];
      candidate[0] = d;
      System.arraycopy(rest, 0, candidate, 1, k - 1);
      if (best == null
          || candidate[k - 1] < best[k - 1]
          || (candidate[k - 1] == best[k - 1] && candidate[0] > best[0])) {
        best = candidate;
      }
    }
    return best;
  }
}
