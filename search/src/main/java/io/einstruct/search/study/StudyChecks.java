package io.einstruct.search.study;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The rules a study file must keep beyond its shape, each reported at its key. */
final class StudyChecks {
  private static final Set<String> SAMPLERS = Set.of("grid", "random", "theta-random");
  private static final Set<String> CLASSES =
      Set.of("alpha", "beta", "gamma", "delta", "epsilon", "phi", "rho");

  private StudyChecks() {}

  static void check(StudyFile f) {
    StudySpec s = f.spec();
    if (s.name() == null || !s.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw f.error(
          "name",
          "'name' must be 1 to 100 letters, digits, '.', '_' or '-' "
              + "(it names the study in the store), got "
              + quote(s.name()));
    }
    if (s.task() == null) {
      throw f.error("", "missing key 'task' (the model, data and optimiser every trial uses)");
    }
    task(f, s.task());
    if (s.structures() == null || s.structures().isEmpty()) {
      throw f.error("structures", "'structures' must list at least one structure");
    }
    for (int i = 0; i < s.structures().size(); i++) {
      structure(f, "structures[" + i + "]", s.structures().get(i), s.sampler());
    }
    if (s.widths() == null || s.widths().isEmpty()) {
      throw f.error("widths", "'widths' must list at least one model width");
    }
    for (int i = 0; i < s.widths().size(); i++) {
      positive(f, "widths[" + i + "]", s.widths().get(i));
    }
    if (s.lrs() != null) {
      for (int i = 0; i < s.lrs().size(); i++) {
        positive(f, "lrs[" + i + "]", s.lrs().get(i));
      }
    }
    sampler(f, s.sampler());
    budget(f, s.budget());
    pruner(f, s.pruner(), s.task());
    size(f, s);
  }

  /** The most configurations a study may expand to: each is bound and counted before it runs. */
  static final long MAX_CONFIGURATIONS = 100_000;

  /** The most fractions of a θ grid: each θ entry takes one, so the grid grows as its power. */
  static final int MAX_THETA_FRACTIONS = 12;

  /**
   * Counts the configurations before any is made, so that a study of a million widths or a 2000 ×
   * 2000 grid is an error at once rather than an expansion that never ends.
   */
  private static void size(StudyFile f, StudySpec s) {
    long variants = 0;
    for (int i = 0; i < s.structures().size(); i++) {
      StructureSpec st = s.structures().get(i);
      if (st.thetaGrid() != null
          && st.thetaGrid().fractions() != null
          && st.thetaGrid().fractions().size() > MAX_THETA_FRACTIONS) {
        throw f.error(
            "structures[" + i + "].theta_grid.fractions",
            "a θ grid takes at most "
                + MAX_THETA_FRACTIONS
                + " fractions, got "
                + st.thetaGrid().fractions().size());
      }
      if (st.thetaGrid() != null && st.thetaGrid().fractions() != null) {
        List<Double> fractions = st.thetaGrid().fractions();
        for (int k = 0; k < fractions.size(); k++) {
          Double v = fractions.get(k);
          if (v == null || !(v >= 0 && v <= 1)) {
            String key = "structures[" + i + "].theta_grid.fractions[" + k + "]";
            throw f.error(key, "'" + key + "' must be a fraction between 0 and 1, got " + quote(v));
          }
        }
      }
      if (st.thetaRange() != null) {
        for (var e : st.thetaRange().entrySet()) {
          List<Double> range = e.getValue();
          String key = "structures[" + i + "].theta_range." + e.getKey();
          if (range == null || range.size() != 2 || range.contains(null)) {
            throw f.error(key, "'" + key + "' must be [min, max], got " + quote(range));
          }
        }
      }
      long grid = 1;
      if (st.params() != null) {
        for (Object v : st.params().values()) {
          grid = saturated(grid, v instanceof List<?> l ? l.size() : 1);
        }
      }
      variants = saturated(variants + grid, 1);
    }
    long total = variants;
    total = saturated(total, s.widths().size());
    total = saturated(total, s.lrs() == null || s.lrs().isEmpty() ? 1 : s.lrs().size());
    total =
        saturated(
            total,
            s.task().seeds() == null || s.task().seeds().isEmpty() ? 1 : s.task().seeds().size());
    BudgetSpec budget = s.budget();
    SamplerSpec sampler = s.sampler();
    boolean random = sampler != null && "random".equals(sampler.kind());
    boolean grid = sampler == null || "grid".equals(sampler.kind());
    // a large space is fine when only a bounded part of it is read (StudyExpander reads it lazily)
    boolean bounded =
        variants <= MAX_CONFIGURATIONS
            && ((random && sampler.samples() != null && sampler.samples() <= MAX_CONFIGURATIONS)
                || (grid
                    && budget != null
                    && budget.maxTrials() != null
                    && budget.maxTrials() <= MAX_CONFIGURATIONS));
    if (total > MAX_CONFIGURATIONS && !bounded) {
      throw f.error(
          "structures",
          "the study would expand to "
              + (total == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(total))
              + " configurations (structures × parameter values × widths × rates × seeds), more"
              + " than "
              + MAX_CONFIGURATIONS
              + "; narrow the grid, or bound it with budget.max_trials or a random sampler");
    }
  }

  private static long saturated(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  static void task(StudyFile f, TaskSpec t) {
    if (t.epochs() != null) {
      positive(f, "task.epochs", t.epochs());
    }
    if (t.steps() != null) {
      positive(f, "task.steps", t.steps());
    }
    if (t.batch() != null) {
      positive(f, "task.batch", t.batch());
    }
    if (t.lr() != null) {
      positive(f, "task.lr", t.lr());
    }
    if (t.seeds() != null && t.seeds().isEmpty()) {
      throw f.error("task.seeds", "'task.seeds' must list at least one seed");
    }
    if (t.seeds() != null) {
      for (int i = 0; i < t.seeds().size(); i++) {
        if (t.seeds().get(i) == null) {
          throw f.error("task.seeds[" + i + "]", "'task.seeds[" + i + "]' is empty: give a seed");
        }
      }
    }
    if (t.evalEvery() != null && t.evalEvery() < 0) {
      throw f.error("task.eval_every", "'task.eval_every' must be 0 (each epoch) or positive");
    }
    recipe(f, t);
  }

  /** The settings that align a model with the papers' reference runs. */
  private static void recipe(StudyFile f, TaskSpec t) {
    boolean mlp = t.model() == null || t.model().equalsIgnoreCase("mlp");
    Map<String, Object> attentionOnly = new java.util.LinkedHashMap<>();
    attentionOnly.put("attn_scale_c", t.attnScaleC());
    attentionOnly.put("d_head", t.dHead());
    attentionOnly.put("attn_width", t.attnWidth());
    attentionOnly.put("depth_scaling", t.depthScaling());
    for (Map.Entry<String, Object> e : attentionOnly.entrySet()) {
      if (mlp && e.getValue() != null) {
        throw f.error(
            "task." + e.getKey(),
            "'task."
                + e.getKey()
                + "' applies to the attention of vit and gpt models, not to an mlp");
      }
    }
    if (t.baseExpansion() != null) {
      positive(f, "task.base_expansion", t.baseExpansion());
    }
    if (t.attnScaleC() != null) {
      positive(f, "task.attn_scale_c", t.attnScaleC());
    }
    if (t.dHead() != null) {
      positive(f, "task.d_head", t.dHead());
    }
    if (t.attnWidth() != null) {
      positive(f, "task.attn_width", t.attnWidth());
    }
    if (t.finalLrFrac() != null && !(t.finalLrFrac() >= 0 && t.finalLrFrac() <= 1)) {
      throw f.error(
          "task.final_lr_frac",
          "'task.final_lr_frac' must be between 0 and 1, got " + t.finalLrFrac());
    }
    if (t.weightNormScope() != null
        && !List.of("structured", "all").contains(t.weightNormScope().toLowerCase(Locale.ROOT))) {
      throw f.error(
          "task.weight_norm_scope",
          "'task.weight_norm_scope' must be structured or all, got " + quote(t.weightNormScope()));
    }
    if (t.headParams() != null) {
      for (Map.Entry<String, Object> e : t.headParams().entrySet()) {
        if (!(e.getValue() instanceof Number)) {
          throw f.error(
              "task.head_params." + e.getKey(),
              "head parameter '" + e.getKey() + "' must be a number, got " + quote(e.getValue()));
        }
      }
    }
  }

  private static void structure(StudyFile f, String at, StructureSpec s, SamplerSpec sampler) {
    if (s == null) {
      throw f.error(
          at, at + " is empty: give one of builtin, file, theta, theta_grid or theta_range");
    }
    int kinds =
        (s.builtin() != null ? 1 : 0)
            + (s.file() != null ? 1 : 0)
            + (s.theta() != null ? 1 : 0)
            + (s.thetaGrid() != null ? 1 : 0)
            + (s.thetaRange() != null ? 1 : 0);
    if (kinds != 1) {
      throw f.error(
          at,
          at
              + ": give exactly one of builtin, file, theta, theta_grid or "
              + "theta_range, found "
              + kinds);
    }
    if (s.params() != null) {
      for (Map.Entry<String, Object> e : s.params().entrySet()) {
        Object v = e.getValue();
        boolean ok =
            v instanceof Number
                || (v instanceof List<?> l
                    && !l.isEmpty()
                    && l.stream().allMatch(Number.class::isInstance));
        if (!ok) {
          throw f.error(
              at + ".params." + e.getKey(),
              "parameter '"
                  + e.getKey()
                  + "' must be a "
                  + "number or a non-empty list of numbers, got "
                  + quote(v));
        }
      }
    }
    if (s.thetaRange() != null) {
      if (sampler == null || !"theta-random".equals(sampler.kind())) {
        throw f.error(
            at + ".theta_range",
            "theta_range needs 'sampler: {kind: theta-random, "
                + "samples: N}' to draw points from it");
      }
      for (Map.Entry<String, List<Double>> e : s.thetaRange().entrySet()) {
        String path = at + ".theta_range." + e.getKey();
        if (!CLASSES.contains(e.getKey())) {
          throw f.error(
              path,
              "unknown θ class '"
                  + e.getKey()
                  + "'; known: alpha, beta, gamma, "
                  + "delta, epsilon, phi, rho");
        }
        List<Double> r = e.getValue();
        if (r == null || r.size() != 2 || r.get(0) < 0 || r.get(1) > 1 || r.get(0) > r.get(1)) {
          throw f.error(path, "a θ range is [min, max] with 0 <= min <= max <= 1, got " + r);
        }
      }
    }
  }

  private static void sampler(StudyFile f, SamplerSpec s) {
    if (s == null) {
      return;
    }
    if (s.kind() == null || !SAMPLERS.contains(s.kind())) {
      throw f.error(
          "sampler.kind",
          "sampler kind must be grid, random or theta-random, got " + quote(s.kind()));
    }
    if (!s.kind().equals("grid") && (s.samples() == null || s.samples() < 1)) {
      throw f.error("sampler", "a " + s.kind() + " sampler needs 'samples' >= 1");
    }
  }

  private static void budget(StudyFile f, BudgetSpec b) {
    if (b == null) {
      return;
    }
    if (b.maxTrials() != null) {
      positive(f, "budget.max_trials", b.maxTrials());
    }
    if (b.maxFlops() != null) {
      positive(f, "budget.max_flops", b.maxFlops());
    }
  }

  private static void pruner(StudyFile f, PrunerSpec p, TaskSpec t) {
    if (p == null) {
      return;
    }
    if (!"successive-halving".equals(p.kind())) {
      throw f.error(
          "pruner.kind", "pruner kind must be successive-halving, got " + quote(p.kind()));
    }
    if (p.eta() == null || p.eta() < 2) {
      throw f.error("pruner.eta", "pruner eta must be an integer >= 2, got " + p.eta());
    }
    PruneResource resource;
    try {
      resource = PruneResource.of(p.resource());
    } catch (io.einstruct.dsl.EinError e) {
      throw f.error("pruner.resource", "'pruner.resource': " + e.detail());
    }
    if (resource == PruneResource.FLOPS) {
      // rungs in FLOPs fall wherever each trial's compute reaches them: any task length will do
      positive(f, "pruner.min_resource", p.minResource());
      return;
    }
    int epochs = t.epochs() == null ? 5 : t.epochs();
    if (p.minResource() == null || p.minResource() <= 0 || p.minResource() >= epochs) {
      throw f.error(
          "pruner.min_resource",
          "pruner min_resource must be more than 0 and fewer "
              + "than the task's "
              + epochs
              + " epochs, got "
              + p.minResource());
    }
    if (t.steps() != null) {
      throw f.error(
          "pruner", "the pruner counts resource in epochs; give task.epochs, not " + "task.steps");
    }
  }

  private static void positive(StudyFile f, String path, Number n) {
    if (n == null || n.doubleValue() <= 0 || !Double.isFinite(n.doubleValue())) {
      throw f.error(path, "'" + path + "' must be positive, got " + n);
    }
  }

  private static String quote(Object v) {
    return v == null ? "nothing" : v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }
}
