package io.einstruct.taxonomy.theta;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A point of the θ space: the size exponent of each of the seven index classes. Valid points have
 * θα + θβ + θγ = 1 and θδ + θε + θφ = 1 (within 0.01, as the reference asserts).
 *
 * @param alpha θα, input read only by A
 * @param beta θβ, input read only by B
 * @param gamma θγ, input shared by both factors (A's blocks)
 * @param delta θδ, output written by A
 * @param epsilon θε, output written only by B
 * @param phi θφ, output shared by both factors (B's blocks)
 * @param rho θρ, the bond between the factors
 */
public record Theta(
    double alpha, double beta, double gamma, double delta, double epsilon, double phi, double rho) {
  /** How far the two sums may be from 1. */
  public static final double SUM_TOLERANCE = 0.01;

  public Theta {
    for (double v : new double[] {alpha, beta, gamma, delta, epsilon, phi, rho}) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("θ entries must lie in [0, 1]: " + v);
      }
    }
  }

  /** θ from its entries in the order α, β, γ, δ, ε, φ, ρ. */
  public static Theta of(double... v) {
    if (v.length != 7) {
      throw new IllegalArgumentException("θ has 7 entries, got " + v.length);
    }
    return new Theta(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  /** The entry of one class. */
  public double get(ThetaClass c) {
    return switch (c) {
      case ALPHA -> alpha;
      case BETA -> beta;
      case GAMMA -> gamma;
      case DELTA -> delta;
      case EPSILON -> epsilon;
      case PHI -> phi;
      case RHO -> rho;
    };
  }

  /** The entries in the order α, β, γ, δ, ε, φ, ρ. */
  public double[] toArray() {
    return new double[] {alpha, beta, gamma, delta, epsilon, phi, rho};
  }

  /** True if the input and output exponents each sum to 1. */
  public boolean isValid() {
    return Math.abs(alpha + beta + gamma - 1) <= SUM_TOLERANCE
        && Math.abs(delta + epsilon + phi - 1) <= SUM_TOLERANCE;
  }

  /** ω = min(α + δ, β + ε) − min(α, ε): each parameter is used d^ω times per input. */
  public double omega() {
    return Math.min(alpha + delta, beta + epsilon) - Math.min(alpha, epsilon);
  }

  /**
   * ψ = min(1, 2 + ρ − α − ε), einsum-search's closed form: the matrix has rank d^ψ for generic
   * factors. It counts the cut through the intermediate between A and B; the cut through {α, γ, ε,
   * φ, ρ} gives 2 + ρ − β − δ, which only binds when β + δ > 1, outside the canonical region. So
   * the formula is exact for canonical θ, and too high otherwise: the paper's TT example
   * (⅓|⅔|0|¾|¼|0|0) is a Kronecker product of a d^¾ × d^⅓ and a d^¼ × d^⅔ matrix, of rank d^(7/12),
   * not d. {@link io.einstruct.taxonomy.Taxonomy} measures the true exponent by minimum cut.
   */
  public double psi() {
    return Math.min(1, 2 + rho - alpha - epsilon);
  }

  /** ν = 1 + ρ − min(α, ε): one input costs d^(1+ν) multiply-adds. */
  public double nu() {
    return 1 + rho - Math.min(alpha, epsilon);
  }

  /**
   * True unless swapping the roles of A and B gives the same family contracted more cheaply:
   * canonical points have min(α, ε) ≥ min(β, δ).
   */
  public boolean isCanonical() {
    return Math.min(alpha, epsilon) >= Math.min(beta, delta) - 1e-12;
  }

  /** True if the bond is larger than the rank it can add: ρ > min(α, ε). */
  public boolean isDegenerate() {
    return rho > Math.min(alpha, epsilon) + 1e-12;
  }

  /**
   * Parses {@code (α|β|γ|δ|ε|φ|ρ)} as the reference writes it, entries as decimals or fractions
   * ({@code (1/2|0|1/2|0|1/2|1/2|0)}); the parentheses are optional.
   */
  public static Theta parse(String text) {
    Source source = new Source("<theta>", text);
    String body = text.strip();
    int offset = text.indexOf(body);
    if (body.startsWith("(") && body.endsWith(")")) {
      body = body.substring(1, body.length() - 1);
      offset++;
    }
    String[] parts = body.split("\\|", -1);
    if (parts.length != 7) {
      throw EinError.at(
          source,
          source.span(1, 1, Math.max(1, text.length())),
          "θ needs 7 entries (α|β|γ|δ|ε|φ|ρ) separated by '|', got " + parts.length);
    }
    double[] v = new double[7];
    int column = offset + 1;
    for (int i = 0; i < 7; i++) {
      v[i] = entry(parts[i], source, column);
      column += parts[i].length() + 1;
    }
    Theta theta = of(v);
    if (!theta.isValid()) {
      throw EinError.at(
          source,
          source.span(1, 1, Math.max(1, text.length())),
          String.format(
              Locale.ROOT,
              "θα + θβ + θγ and θδ + θε + θφ must each be 1; got %.4g and %.4g",
              v[0] + v[1] + v[2],
              v[3] + v[4] + v[5]));
    }
    return theta;
  }

  private static double entry(String part, Source source, int column) {
    String s = part.strip();
    try {
      double v;
      int slash = s.indexOf('/');
      if (slash >= 0) {
        v = Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
      } else {
        v = Double.parseDouble(s);
      }
      if (v >= 0 && v <= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the position
    }
    throw EinError.at(
        source,
        source.span(1, column, Math.max(1, part.length())),
        "θ entry '" + s + "' must be a number or fraction in [0, 1]");
  }

  /** The reference's form, {@code (0.5|0|0.5|0|0.5|0.5|0)}, with exact decimals. */
  public String format() {
    List<String> parts = new ArrayList<>();
    for (double v : toArray()) {
      parts.add(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
    }
    return "(" + String.join("|", parts) + ")";
  }

  /** A short human form with common fractions, {@code (½|0|½|0|½|½|0)}. */
  public String pretty() {
    List<String> parts = new ArrayList<>();
    for (double v : toArray()) {
      parts.add(Fractions.pretty(v));
    }
    return "(" + String.join("|", parts) + ")";
  }
}
