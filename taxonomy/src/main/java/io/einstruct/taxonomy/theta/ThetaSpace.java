package io.einstruct.taxonomy.theta;

import io.einstruct.dsl.Source;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.syntax.Parser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Realises a point θ as a structure written in the DSL: x[γ, β, α], A[φ, δ, ρ, γ, α], B[φ, ε, ρ, γ,
 * β], y[φ, ε, δ] with sizes round(d^θ) (half to even, as the reference's Python round) and {@code
 * allow padding}. Classes with θ = 0 have size 1 at every width and are left out; a factor left
 * with no index is left out too (θ = (0|1|0|0|1|0|0) is B alone, a dense matrix).
 */
public final class ThetaSpace {
  private ThetaSpace() {}

  /** The {@code .ein} text of θ as a template with widths defaulting to d_in and d_out. */
  public static String source(Theta theta, int dIn, int dOut) {
    Set<ThetaClass> present = EnumSet.noneOf(ThetaClass.class);
    for (ThetaClass c : ThetaClass.values()) {
      if (theta.get(c) > 0) {
        present.add(c);
      }
    }
    StringBuilder text = new StringBuilder();
    text.append("# θ = ").append(theta.format()).append(", sizes round(d^θ)\n");
    text.append("structure theta(d_in = ")
        .append(dIn)
        .append(", d_out = ")
        .append(dOut)
        .append(") {\n  allow padding\n");
    for (ThetaClass c : present) {
      String width =
          switch (c.base()) {
            case IN -> "d_in";
            case OUT -> "d_out";
            case MIN -> "min(d_in, d_out)";
          };
      text.append("  dim ")
          .append(c.word())
          .append(" = round(")
          .append(width)
          .append(" ^ ")
          .append(theta.get(c))
          .append(")\n");
    }
    List<String> a =
        names(
            present,
            ThetaClass.PHI,
            ThetaClass.DELTA,
            ThetaClass.RHO,
            ThetaClass.GAMMA,
            ThetaClass.ALPHA);
    List<String> b =
        names(
            present,
            ThetaClass.PHI,
            ThetaClass.EPSILON,
            ThetaClass.RHO,
            ThetaClass.GAMMA,
            ThetaClass.BETA);
    text.append("  y")
        .append(list(names(present, ThetaClass.PHI, ThetaClass.EPSILON, ThetaClass.DELTA)))
        .append(" =");
    if (!b.isEmpty()) {
      text.append(" B").append(list(b)).append(" *");
    }
    if (!a.isEmpty()) {
      text.append(" A").append(list(a)).append(" *");
    }
    text.append(" x")
        .append(list(names(present, ThetaClass.GAMMA, ThetaClass.BETA, ThetaClass.ALPHA)))
        .append("\n}\n");
    return text.toString();
  }

  /** θ as a template; binding it without arguments gives the structure at (d_in, d_out). */
  public static Template template(Theta theta, int dIn, int dOut) {
    Source source = new Source("theta" + theta.format() + ".ein", source(theta, dIn, dOut));
    return new Template(Parser.parse(source).structure(null), false);
  }

  /**
   * θ realised at (d_in, d_out).
   *
   * @throws io.einstruct.dsl.EinError if the rounded sizes are more than 15% off the widths
   */
  public static Structure realize(Theta theta, int dIn, int dOut) {
    return template(theta, dIn, dOut).bind(Args.none());
  }

  private static List<String> names(Set<ThetaClass> present, ThetaClass... order) {
    List<String> names = new ArrayList<>();
    for (ThetaClass c : order) {
      if (present.contains(c)) {
        names.add(c.word());
      }
    }
    return names;
  }

  private static String list(List<String> names) {
    return "[" + String.join(", ", names) + "]";
  }
}
