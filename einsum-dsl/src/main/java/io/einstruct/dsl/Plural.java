package io.einstruct.dsl;

/** Counts of things in messages: "1 trial", "2 trials". */
public final class Plural {
  private Plural() {}

  /**
   * {@code n} and the noun, with an "s" unless {@code n} is one; every noun einstruct counts is
   * regular.
   */
  public static String of(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }
}
