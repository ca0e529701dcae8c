package io.einstruct.dsl.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code split(n, k)}: the k-way factorisation of n into integers whose largest factor is smallest,
 * ties broken by the largest smallest factor (then the remaining factors compared the same way), in
 * ascending order. 768 gives (24, 32), 3072 gives (48, 64), 30 gives (5, 6), 4096 with k = 3 gives
 * (16, 16, 16), a prime p gives (1, p).
 *
 * <p>The reference implementations deal primes out greedily (768 gives 16, 48); einstruct takes the
 * paper's "as close as possible".
 */
public final class Splits {
  private Splits() {}

  /** The split of {@code n >= 1} into {@code k >= 1} factors, ascending. */
  public static int[] split(long n, int k) {
    if (n < 1 || n > Integer.MAX_VALUE || k < 1) {
      throw new IllegalArgumentException(
          "split needs 1 <= n <= 2^31-1 and k >= 1: " + n + ", " + k);
    }
    List<Long> divisors = divisors(n);
    return search(n, k, 0, 1, divisors, new int[k], null);
  }

  private static int[] search(
      long rest, int k, int depth, long min, List<Long> divisors, int[] current, int[] best) {
    if (depth == k - 1) {
      if (rest < min) {
        return best;
      }
      current[depth] = (int) rest;
      return better(current, best) ? current.clone() : best;
    }
    int remaining = k - depth;
    for (long d : divisors) {
      if (d < min) {
        continue;
      }
      // ascending factors: d^remaining <= rest, else the remaining ones cannot reach d each
      if (Math.pow(d, remaining) > rest * (1 + 1e-12)) {
        break;
      }
      if (rest % d != 0) {
        continue;
      }
      current[depth] = (int) d;
      best = search(rest / d, k, depth + 1, d, divisors, current, best);
    }
    return best;
  }

  private static boolean better(int[] candidate, int[] best) {
    if (best == null) {
      return true;
    }
    int last = candidate.length - 1;
    if (candidate[last] != best[last]) {
      return candidate[last] < best[last];
    }
    if (candidate[0] != best[0]) {
      return candidate[0] > best[0];
    }
    for (int i = last - 1; i > 0; i--) {
      if (candidate[i] != best[i]) {
        return candidate[i] < best[i];
      }
    }
    return false;
  }

  private static List<Long> divisors(long n) {
    List<Long> small = new ArrayList<>();
    List<Long> large = new ArrayList<>();
    for (long d = 1; d * d <= n; d++) {
      if (n % d == 0) {
        small.add(d);
        if (d * d != n) {
          large.add(0, n / d);
        }
      }
    }
    small.addAll(large);
    return small;
  }

  /** The split as a list, for messages. */
  public static String show(int[] factors) {
    return Arrays.toString(factors);
  }
}
