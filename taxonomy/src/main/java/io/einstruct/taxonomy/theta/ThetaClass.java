package io.einstruct.taxonomy.theta;

import java.util.Set;

/**
 * The seven index classes of a two-factor chain y = B·A·x, where A meets x first: which of x, A, B
 * and y an index appears in. Sizes are d^θ with d = d_in for input classes, d_out for output
 * classes, and min(d_in, d_out) for the bond ρ.
 */
public enum ThetaClass {
  ALPHA("α", "alpha", Set.of("x", "A"), Base.IN),
  BETA("β", "beta", Set.of("x", "B"), Base.IN),
  GAMMA("γ", "gamma", Set.of("x", "A", "B"), Base.IN),
  DELTA("δ", "delta", Set.of("A", "y"), Base.OUT),
  EPSILON("ε", "epsilon", Set.of("B", "y"), Base.OUT),
  PHI("φ", "phi", Set.of("A", "B", "y"), Base.OUT),
  RHO("ρ", "rho", Set.of("A", "B"), Base.MIN);

  /** Which width a class's exponent is taken of. */
  public enum Base {
    IN,
    OUT,
    MIN
  }

  private final String symbol;
  private final String word;
  private final Set<String> tensors;
  private final Base base;

  ThetaClass(String symbol, String word, Set<String> tensors, Base base) {
    this.symbol = symbol;
    this.word = word;
    this.tensors = tensors;
    this.base = base;
  }

  /** The Greek letter. */
  public String symbol() {
    return symbol;
  }

  /** The letter spelled out, used as an index name and a JSON key. */
  public String word() {
    return word;
  }

  /** The tensors (x, A, B, y) an index of this class appears in. */
  public Set<String> tensors() {
    return tensors;
  }

  /** Which width the exponent is of. */
  public Base base() {
    return base;
  }

  /** The width an exponent of this class applies to. */
  public int width(int dIn, int dOut) {
    return switch (base) {
      case IN -> dIn;
      case OUT -> dOut;
      case MIN -> Math.min(dIn, dOut);
    };
  }

  /** The class of an index appearing in exactly {@code tensors}, if it is one of the seven. */
  public static ThetaClass of(Set<String> tensors) {
    for (ThetaClass c : values()) {
      if (c.tensors.equals(tensors)) {
        return c;
      }
    }
    return null;
  }
}
