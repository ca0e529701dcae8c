package io.einstruct.search.study;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Resolver;
import io.einstruct.dsl.resolve.Suggestions;
import io.einstruct.dsl.syntax.EinFile;
import io.einstruct.dsl.syntax.Parser;
import io.einstruct.taxonomy.theta.Fractions;
import io.einstruct.taxonomy.theta.Theta;
import io.einstruct.taxonomy.theta.ThetaGrid;
import io.einstruct.taxonomy.theta.ThetaSpace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Expands one {@code structures} entry into its variants: parameter grids and θ points. */
final class Variants {
  private static final List<String> CLASSES =
      List.of("alpha", "beta", "gamma", "delta", "epsilon", "phi", "rho");
  private static final int MAX_DRAWS = 1_000_000;

  /** Candidates bound against the study's widths at most: each costs a model's shapes. */
  private static final int MAX_BINDS = 20_000;

  private Variants() {}

  /**
   * The variants of structure entry {@code index}; a θ region's draws are kept only where {@code
   * binds} holds (the study's model takes the θ at every width), so that every draw trains.
   */
  static List<Variant> of(
      StudyFile f,
      int index,
      Library library,
      SamplerSpec sampler,
      java.util.function.Predicate<Variant> binds) {
    StructureSpec s = f.spec().structures().get(index);
    return expand(f, index, library, sampler, binds).stream().map(v -> v.with(s)).toList();
  }

  private static List<Variant> expand(
      StudyFile f,
      int index,
      Library library,
      SamplerSpec sampler,
      java.util.function.Predicate<Variant> binds) {
    String at = "structures[" + index + "]";
    StructureSpec s = f.spec().structures().get(index);

    if (s.builtin() != null) {
      Template t =
          library
              .find(s.builtin())
              .orElseThrow(
                  () ->
                      f.error(
                          at + ".builtin",
                          "no built-in structure '"
                              + s.builtin()
                              + "';"
                              + Suggestions.didYouMean(s.builtin(), Library.BUILT_INS)
                              + " built-ins: "
                              + String.join(", ", Library.BUILT_INS)));
      // the source goes with the trial, so that a changed built-in is a different trial and
      // workers of another version train exactly what the study was made with
      return grid(
          f,
          at,
          s,
          t,
          s.builtin(),
          s.name() != null ? s.name() : s.builtin(),
          t.decl().source().text());
    }
    if (s.file() != null) {
      Path path = f.file(at + ".file", s.file());
      String text;
      try {
        text = Source.read(path).text();
      } catch (java.nio.charset.MalformedInputException e) {
        // never echo what a file that is not text holds
        throw f.error(at + ".file", "structure file " + path + " is not UTF-8 text");
      } catch (IOException e) {
        throw f.error(at + ".file", "cannot read structure file " + path + ": " + e.getMessage());
      }
      EinFile file = Parser.parse(new Source(s.file(), text));
      Template t = new Template(file.structure(s.structure()), false);
      String display = s.name() != null ? s.name() : t.name();
      return grid(f, at, s, t, display, display, text);
    }
    if (s.theta() != null) {
      Theta theta;
      try {
        theta = Theta.parse(s.theta());
      } catch (EinError e) {
        throw f.error(at + ".theta", e.getMessage().lines().findFirst().orElse("bad θ"));
      }
      return List.of(theta(theta, s.name()));
    }
    if (s.thetaGrid() != null) {
      List<Double> fractions =
          s.thetaGrid().fractions() == null ? Fractions.GRID : s.thetaGrid().fractions();
      return ThetaGrid.enumerate(fractions).stream().map(t -> theta(t, null)).toList();
    }
    return drawn(f, at, s, sampler, index, binds);
  }

  /** Every combination of the parameter values, each checked against the template. */
  /**
   * @param name what the trial's configuration names: a built-in, or for an inline source a display
   *     name
   * @param display how tables show the variant
   */
  private static List<Variant> grid(
      StudyFile f,
      String at,
      StructureSpec s,
      Template t,
      String name,
      String display,
      String source) {
    List<Map<String, Number>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    Map<String, Object> params = s.params() == null ? Map.of() : s.params();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
      List<Map<String, Number>> next = new ArrayList<>();
      for (Map<String, Number> combo : combos) {
        for (Object v : values) {
          Map<String, Number> c = new LinkedHashMap<>(combo);
          c.put(e.getKey(), (Number) v);
          next.add(c);
        }
      }
      combos = next;
    }
    List<Variant> variants = new ArrayList<>();
    for (Map<String, Number> combo : combos) {
      List<String> assignments = new ArrayList<>();
      combo.forEach((k, v) -> assignments.add(k + "=" + number(v)));
      try {
        Resolver.checkNames(t.decl(), Args.parse(assignments));
      } catch (EinError e) {
        throw f.error(
            at + ".params",
            e.getMessage()
                .lines()
                .findFirst()
                .orElse("bad parameter")
                .replaceFirst("^<command line>:\\d+:\\d+: ", ""));
      }
      String label =
          assignments.isEmpty() ? display : display + " " + String.join(" ", assignments);

      variants.add(new Variant(label, name, t.name(), assignments, source));
    }
    return variants;
  }

  private static Variant theta(Theta theta, String name) {
    String label = name != null ? name : "θ" + theta.pretty();
    return new Variant(label, label, "theta", List.of(), ThetaSpace.source(theta, 1, 1));
  }

  /**
   * Points drawn uniformly from a θ region, keeping valid, canonical, non-degenerate ones that bind
   * at every width of the study (at small widths most points round too far from the layer's sizes).
   */
  private static List<Variant> drawn(
      StudyFile f,
      String at,
      StructureSpec entry,
      SamplerSpec sampler,
      int index,
      java.util.function.Predicate<Variant> binds) {
    Map<String, List<Double>> ranges = entry.thetaRange();
    int wanted = sampler.samples();
    int tried = 0;
    SplittableRandom random =
        new SplittableRandom((sampler.seed() == null ? 0 : sampler.seed()) * 1_000_003 + index);
    List<Variant> out = new ArrayList<>();
    for (int draws = 0; out.size() < wanted && draws < MAX_DRAWS; draws++) {
      double[] v = new double[7];
      for (int c = 0; c < 7; c++) {
        List<Double> r = ranges.getOrDefault(CLASSES.get(c), List.of(0.0, 1.0));
        v[c] = Math.round((r.get(0) + random.nextDouble() * (r.get(1) - r.get(0))) * 1000) / 1000.0;
      }
      // the third of each group closes the sum to 1, and must fall in its range
      v[2] = Math.round((1 - v[0] - v[1]) * 1000) / 1000.0;
      v[5] = Math.round((1 - v[3] - v[4]) * 1000) / 1000.0;
      if (!inRange(v, ranges)) {
        continue;
      }
      Theta theta = Theta.of(v);
      if (theta.isCanonical() && !theta.isDegenerate()) {
        Variant candidate = theta(theta, null);
        if (tried++ >= MAX_BINDS) {
          break;
        }
        if (binds.test(candidate.with(entry))) {
          out.add(candidate);
        }
      }
    }
    if (out.size() < wanted) {
      throw f.error(
          at + ".theta_range",
          "this θ region holds too few valid, canonical, "
              + "non-degenerate points that bind at every width: found "
              + out.size()
              + " of "
              + wanted);
    }
    return out;
  }

  private static boolean inRange(double[] v, Map<String, List<Double>> ranges) {
    for (int c = 0; c < 7; c++) {
      List<Double> r = ranges.getOrDefault(CLASSES.get(c), List.of(0.0, 1.0));
      if (v[c] < r.get(0) - 1e-9 || v[c] > r.get(1) + 1e-9) {
        return false;
      }
    }
    return true;
  }

  private static String number(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
