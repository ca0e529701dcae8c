package io.einstruct.taxonomy;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.plan.PlanStep;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.taxonomy.rank.RankBound;
import io.einstruct.taxonomy.theta.Theta;
import io.einstruct.taxonomy.theta.ThetaClassifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a structure sits in the taxonomy: ω (parameter sharing: each parameter is used d^ω times
 * per input), ψ (the rank is d^ψ), ν (an input costs d^(1+ν) multiply-adds), and θ when the
 * structure is a two-factor chain of the seven classes.
 *
 * <p>For any structure the exponents are the slopes of DESIGN.md in log-log space, ν = d log MACs /
 * d log d − 1, ω = d log(MACs / params) / d log d and ψ = d log rank / d log d with d_in = d_out =
 * d, taken in the limit of large d so that lower-order terms (a d^(5/4) step beside a d^(7/4) one)
 * do not bias them. Each index's size exponent is read off its declaration where that is a power
 * law ({@link SizeExponents}: {@code round(d_in ^ 0.1)} is exactly 0.1), and otherwise measured
 * between the widths {@value #SMALL} and {@value #LARGE} (exponents multiples of 12, so fractions
 * with denominators 2, 3 and 4 give exact sizes); MACs and parameters are sums of products of
 * sizes, so their exponent is the largest summed exponent of a term, and the rank's is the minimum
 * cut priced by exponents. Routers are left out; a constant such as the k/E of routing does not
 * change a slope.
 *
 * @param omega ω, NaN when the structure cannot be bound at the slope widths
 * @param psi ψ, likewise
 * @param nu ν, likewise
 * @param theta θ read off the structure at its own widths, if it is a two-factor chain
 */
public record Taxonomy(double omega, double psi, double nu, Optional<Theta> theta) {
  /** The smaller width at which index sizes are measured, 2^12. */
  public static final int SMALL = 1 << 12;

  /** The larger width at which index sizes are measured, 2^24. */
  public static final int LARGE = 1 << 24;

  /** True if the exponents could be computed. */
  public boolean known() {
    return !Double.isNaN(omega);
  }

  /**
   * The taxonomy of {@code template} bound with {@code args} (widths replaced by the measuring
   * widths); θ is read off {@code bound}, the structure at the user's widths.
   */
  public static Taxonomy of(Template template, Args args, Structure bound) {
    Optional<Theta> theta = ThetaClassifier.classify(bound);
    Structure small;
    Structure large;
    try {
      small = template.bind(args.with("d_in", SMALL).with("d_out", SMALL));
      large = template.bind(args.with("d_in", LARGE).with("d_out", LARGE));
    } catch (EinError e) {
      // the structure does not scale (fixed sizes, sizes that stop dividing): fall back to the
      // closed form when there is one
      return theta
          .map(t -> new Taxonomy(t.omega(), t.psi(), t.nu(), theta))
          .orElse(new Taxonomy(Double.NaN, Double.NaN, Double.NaN, theta));
    }
    Map<String, Double> exponents = new HashMap<>();
    Optional<Map<String, Double>> exact = SizeExponents.of(template.decl(), args);
    double span = Math.log((double) LARGE / SMALL);
    for (Index index : large.indices()) {
      Double e = exact.map(m -> m.get(index.name())).orElse(null);
      exponents.put(
          index.name(),
          e != null ? e : Math.log((double) index.size() / small.size(index.name())) / span);
    }
    double macs = Double.NEGATIVE_INFINITY;
    for (PlanStep step : Planner.chain(large, 1).steps()) {
      Set<String> touched = new HashSet<>(step.left().indices());
      touched.addAll(step.right().indices());
      touched.remove(Planner.BATCH);
      macs = Math.max(macs, sum(touched, exponents));
    }
    double params = Double.NEGATIVE_INFINITY;
    for (Factor f : large.chain()) {
      params = Math.max(params, sum(f.indexNames(), exponents));
    }
    double rank = RankBound.exponent(large, exponents);
    return new Taxonomy(clean(macs - params), clean(rank), clean(macs - 1), theta);
  }

  private static double sum(Iterable<String> indices, Map<String, Double> exponents) {
    double sum = 0;
    for (String i : indices) {
      sum += exponents.get(i);
    }
    return sum;
  }

  /** Rounds away the last bits of floating-point noise: 0.49999999999999994 is ½. */
  private static double clean(double v) {
    double rounded = Math.rint(v * 1e9) / 1e9;
    return rounded == 0 ? 0 : rounded;
  }
}
