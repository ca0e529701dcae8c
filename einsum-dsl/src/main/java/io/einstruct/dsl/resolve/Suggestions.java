package io.einstruct.dsl.resolve;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean" for misspelt names: the closest known name within a small edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /** The known name closest to {@code wrong}, if one is close enough to be a likely typo. */
  public static Optional<String> closest(String wrong, Collection<String> known) {
    if (wrong.length() < 3) {
      // one- and two-letter names are all within an edit of each other: no useful guess
      return Optional.empty();
    }
    int limit = Math.max(1, Math.min(2, (wrong.length() + 1) / 3));
    return known.stream()
        .filter(k -> !k.equals(wrong))
        .filter(k -> distance(wrong.toLowerCase(), k.toLowerCase()) <= limit)
        .min(Comparator.comparingInt((String k) -> distance(wrong, k)).thenComparing(k -> k));
  }

  /** {@code " did you mean 'x'?"} with a leading space, or the empty string. */
  public static String didYouMean(String wrong, Collection<String> known) {
    return closest(wrong, known).map(k -> " did you mean '" + k + "'?").orElse("");
  }

  /** The names joined for a message, or {@code "none"}. */
  public static String list(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
