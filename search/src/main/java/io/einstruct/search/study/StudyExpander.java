package io.einstruct.search.study;

import com.google.common.hash.Hashing;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.compile.WeightNormScope;
import io.einstruct.train.data.DataShape;
import io.einstruct.train.model.ModelInfo;
import io.einstruct.train.run.DataConfig;
import io.einstruct.train.run.DataSource;
import io.einstruct.train.run.InputStructure;
import io.einstruct.train.run.Json;
import io.einstruct.train.run.ModelConfig;
import io.einstruct.train.run.ModelKind;
import io.einstruct.train.run.OptimConfig;
import io.einstruct.train.run.OptimizerKind;
import io.einstruct.train.run.PaperDefaults;
import io.einstruct.train.run.RunConfig;
import io.einstruct.train.run.RunData;
import io.einstruct.train.run.RunPlan;
import io.einstruct.train.run.ScheduleKind;
import io.einstruct.train.run.TrainConfig;
import io.einstruct.train.run.TransformerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Expands a study into trials: every variant of every structure × width × learning rate × seed (or
 * a seeded sample of them), each bound and counted without training, then cut to the budget.
 */
public final class StudyExpander {
  private StudyExpander() {}

  /** The trials of {@code file}. */
  public static Expansion expand(StudyFile file, Library library) {
    StudySpec s = file.spec();
    SamplerSpec sampler = s.sampler() == null ? new SamplerSpec("grid", null, 0L) : s.sampler();
    TaskSpec task = s.task();
    List<Double> lrs =
        s.lrs() == null || s.lrs().isEmpty()
            ? List.of(task.lr() == null ? OptimConfig.defaults().lr() : task.lr())
            : s.lrs();
    List<Long> seeds = task.seeds() == null ? List.of(0L) : task.seeds();
    TrainConfig base = inlineHead(atTask(file, () -> base(task)), library, file);
    atTask(
        file,
        () -> {
          RunPlan.checkSettings(base);
          return null;
        });
    DataShape shape = atTask(file, "data", () -> RunData.shape(base.data(), base.run()));
    java.util.function.Predicate<Variant> binds =
        v ->
            s.widths().stream()
                .allMatch(
                    w -> bindsAt(library, configure(base, v, w, lrs.get(0), seeds.get(0)), shape));
    List<Variant> variants = new ArrayList<>();
    for (int i = 0; i < s.structures().size(); i++) {
      variants.addAll(Variants.of(file, i, library, sampler, binds));
    }
    checkKept(file, variants);
    List<TrialSpec> all = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    long total = (long) variants.size() * s.widths().size() * lrs.size() * seeds.size();
    // a space too large to bind whole is read lazily: the first max_trials of a grid, or a
    // seeded draw of indices for a random sampler (StudyChecks has bounded what may get here)
    boolean lazy = total > StudyChecks.MAX_CONFIGURATIONS;
    long[] indices =
        lazy && sampler.kind().equals("random")
            ? draw(total, sampler.samples(), sampler.seed() == null ? 0 : sampler.seed())
            : null;
    int limit =
        lazy && indices == null && s.budget() != null && s.budget().maxTrials() != null
            ? s.budget().maxTrials()
            : Integer.MAX_VALUE;
    long count = indices != null ? indices.length : total;
    for (long k = 0; k < count && all.size() < limit; k++) {
      long index = indices != null ? indices[(int) k] : k;
      long rest = index;
      long seed = seeds.get((int) (rest % seeds.size()));
      rest /= seeds.size();
      double lr = lrs.get((int) (rest % lrs.size()));
      rest /= lrs.size();
      int width = s.widths().get((int) (rest % s.widths().size()));
      rest /= s.widths().size();
      Variant v = variants.get((int) rest);
      TrainConfig c = configure(base, v, width, lr, seed);
      try {
        ModelInfo info = RunPlan.check(library, c, shape).info();
        all.add(trial(all.size(), v, width, lr, seed, c, info, shape));
      } catch (EinError e) {
        skipped.add(
            v.label()
                + " at width "
                + width
                + ": "
                + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    if (sampler.kind().equals("random") && indices == null) {
      all = sample(all, sampler);
    }
    return budget(all, skipped, s.budget());
  }

  /** {@code n} distinct indices below {@code total}, seeded, in order (Floyd's algorithm). */
  private static long[] draw(long total, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    java.util.TreeSet<Long> chosen = new java.util.TreeSet<>();
    for (long j = total - Math.min(n, total); j < total; j++) {
      long t = random.nextLong(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    return chosen.stream().mapToLong(Long::longValue).toArray();
  }

  private static List<TrialSpec> sample(List<TrialSpec> all, SamplerSpec sampler) {
    List<TrialSpec> shuffled = new ArrayList<>(all);
    SplittableRandom random = new SplittableRandom(sampler.seed() == null ? 0 : sampler.seed());
    for (int i = shuffled.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      TrialSpec t = shuffled.get(i);
      shuffled.set(i, shuffled.get(j));
      shuffled.set(j, t);
    }
    List<TrialSpec> kept =
        new ArrayList<>(shuffled.subList(0, Math.min(sampler.samples(), shuffled.size())));
    kept.sort(Comparator.comparingInt(TrialSpec::number));
    return kept;
  }

  private static Expansion budget(List<TrialSpec> all, List<String> skipped, BudgetSpec b) {
    List<TrialSpec> kept = new ArrayList<>();
    double flops = 0;
    for (TrialSpec t : all) {
      boolean tooMany = b != null && b.maxTrials() != null && kept.size() >= b.maxTrials();
      boolean tooCostly = b != null && b.maxFlops() != null && flops + t.flops() > b.maxFlops();
      if (tooMany || tooCostly) {
        continue;
      }
      flops += t.flops();
      kept.add(renumber(t, kept.size()));
    }
    return new Expansion(kept, skipped, all.size() - kept.size());
  }

  private static TrialSpec renumber(TrialSpec t, int number) {
    return new TrialSpec(
        number,
        t.key(),
        t.label(),
        t.group(),
        t.width(),
        t.lr(),
        t.seed(),
        t.config(),
        t.params(),
        t.forwardMacs(),
        t.flops(),
        t.headMacs());
  }

  private static TrialSpec trial(
      int number,
      Variant v,
      int width,
      double lr,
      long seed,
      TrainConfig c,
      ModelInfo info,
      DataShape shape) {
    long steps =
        c.run().steps() > 0
            ? c.run().steps()
            : (long) c.run().epochs() * (shape.trainSize() / c.run().batch());
    double flops = info.trainingFlopsPerExample() * steps * c.run().batch();
    return new TrialSpec(
        number,
        key(c),
        v.label(),
        v.label() + " | width " + width,
        width,
        lr,
        seed,
        c,
        info.params(),
        info.forwardMacs(),
        flops,
        info.headMacs());
  }

  /** Every structure the pruner is to keep is one of the study's, by its label. */
  private static void checkKept(StudyFile file, List<Variant> variants) {
    PrunerSpec p = file.spec().pruner();
    if (p == null || p.keep() == null) {
      return;
    }
    java.util.Set<String> labels = new java.util.LinkedHashSet<>();
    variants.forEach(v -> labels.add(v.label()));
    for (int i = 0; i < p.keep().size(); i++) {
      if (!labels.contains(p.keep().get(i))) {
        String at = "pruner.keep[" + i + "]";
        throw file.error(
            at,
            "'"
                + at
                + "': no structure of the study is labelled '"
                + p.keep().get(i)
                + "' (its labels: "
                + String.join(", ", labels.stream().limit(8).toList())
                + (labels.size() > 8 ? ", …" : "")
                + ")");
      }
    }
  }

  private static boolean bindsAt(Library library, TrainConfig c, DataShape shape) {
    try {
      RunPlan.check(library, c, shape);
      return true;
    } catch (EinError e) {
      return false;
    }
  }

  /** SHA-256 of the configuration's JSON, which lists fields in a fixed order. */
  public static String key(TrainConfig c) {
    try {
      byte[] json = Json.mapper().writeValueAsBytes(c);
      return Hashing.sha256().hashBytes(json).toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a configuration", e);
    }
  }

  private static TrainConfig configure(
      TrainConfig base, Variant v, int width, double lr, long seed) {
    ModelConfig m = base.model();
    OptimConfig o = base.optim();
    RunConfig r = base.run();
    TransformerConfig t = m.transformer();
    return base.with(
            m.toBuilder()
                .structure(
                    v.structure(),
                    v.source() == null ? null : v.structureName(),
                    v.params(),
                    v.source())
                .width(width)
                .transformer(
                    new TransformerConfig(
                        t.heads(),
                        t.patch(),
                        or(v.attention(), t.attention()),
                        t.attentionParams(),
                        or(v.experts(), t.experts()),
                        or(v.top(), t.top()),
                        t.attnScaleC(),
                        t.dHead(),
                        t.depthScaling(),
                        t.attnWidth()))
                .build())
        .with(
            new OptimConfig(
                o.kind(),
                lr,
                o.beta1(),
                o.beta2(),
                o.epsilon(),
                o.weightDecay(),
                o.clip(),
                o.schedule(),
                o.warmup(),
                o.inputLrMultiplier(),
                o.finalLrFraction()))
        .with(
            new RunConfig(
                r.epochs(),
                r.steps(),
                r.batch(),
                seed,
                r.evalEvery(),
                r.intraThreads(),
                r.interThreads(),
                r.device()));
  }

  /**
   * The one run a run file's task describes (its seed the first of {@code seeds}), every choice
   * parsed and every setting checked, errors at their keys.
   */
  static TrainConfig run(StudyFile file) {
    TaskSpec task = file.spec().task();
    TrainConfig c = atTask(file, () -> base(task));
    atTask(
        file,
        () -> {
          RunPlan.checkSettings(c);
          return null;
        });
    if (task.seeds() == null) {
      return c;
    }
    return c.with(c.run().withSeed(task.seeds().get(0)));
  }

  /** The task's settings over {@code einstruct train}'s defaults. */
  static TrainConfig base(TaskSpec t) {
    TrainConfig d = TrainConfig.defaults();
    ModelConfig m = d.model();
    TransformerConfig tc = m.transformer();

    DataConfig dc = d.data();
    OptimConfig o = d.optim();
    RunConfig r = d.run();
    return PaperDefaults.complete(
        new TrainConfig(
            TrainConfig.FORMAT_VERSION,
            new ModelConfig(
                t.model() == null ? m.kind() : ModelKind.parse(t.model()),
                m.structure(),
                null,
                List.of(),
                t.inputStructure() == null
                    ? m.inputStructure()
                    : InputStructure.parse(t.inputStructure()),
                m.width(),
                or(t.depth(), m.depth()),
                or(t.expansion(), m.expansion()),
                or(t.d0(), m.baseWidth()),
                or(t.weightNorm(), m.weightNorm()),
                or(t.naiveLr(), m.naiveLr()),
                t.lowering() == null ? m.lowering() : Lowering.parse(t.lowering()),
                null,
                new TransformerConfig(
                    or(t.heads(), tc.heads()),
                    or(t.patch(), tc.patch()),
                    or(t.attention(), tc.attention()),
                    List.of(),
                    or(t.experts(), tc.experts()),
                    or(t.top(), tc.top()),
                    t.attnScaleC(),
                    t.dHead(),
                    t.depthScaling(),
                    t.attnWidth()),
                t.baseExpansion(),
                t.weightNormScope() == null ? null : WeightNormScope.parse(t.weightNormScope()),
                t.weightNormGain(),
                t.headStructure(),
                headParams(t),
                null,
                null),
            new DataConfig(
                t.data() == null ? dc.source() : DataSource.parse(t.data()),
                or(t.crop(), dc.crop()),
                or(t.flip(), dc.flip()),
                or(t.mixup(), dc.mixup()),
                or(t.labelSmoothing(), dc.labelSmoothing()),
                or(t.permutePixels(), dc.permute()),
                dc.teacherInputs(),
                or(t.teacherWidth(), dc.teacherWidth()),
                or(t.teacherDepth(), dc.teacherDepth()),
                or(t.context(), dc.context())),
            new OptimConfig(
                t.optimizer() == null ? o.kind() : OptimizerKind.parse(t.optimizer()),
                or(t.lr(), o.lr()),
                o.beta1(),
                o.beta2(),
                o.epsilon(),
                or(t.weightDecay(), o.weightDecay()),
                or(t.clip(), o.clip()),
                t.schedule() == null ? o.schedule() : ScheduleKind.parse(t.schedule()),
                or(t.warmup(), o.warmup()),
                or(
                    t.inputLrMult(),
                    OptimConfig.inputLrMultiplier(
                        t.model() == null ? m.kind() : ModelKind.parse(t.model()))),
                t.finalLrFrac()),
            new RunConfig(
                or(t.epochs(), r.epochs()),
                or(t.steps(), r.steps()),
                or(t.batch(), r.batch()),
                0,
                or(t.evalEvery(), r.evalEvery()),
                or(t.threads(), r.intraThreads()),
                or(t.interThreads(), or(t.threads(), r.interThreads())),
                r.device())));
  }

  private static List<String> headParams(TaskSpec t) {
    List<String> params = new ArrayList<>();
    if (t.headParams() != null) {
      t.headParams().forEach((k, v) -> params.add(k + "=" + v));
    }
    return params;
  }

  /**
   * {@code c} with its head structure's source inline, as trials carry their layers' structure: a
   * built-in by name, else a file beside the study.
   */
  private static TrainConfig inlineHead(TrainConfig c, Library library, StudyFile file) {
    ModelConfig m = c.model();
    if (m.head() == null) {
      return c;
    }
    String source;
    if (library.find(m.head()).isPresent()) {
      source = library.find(m.head()).get().decl().source().text();
    } else {
      Path path = file.file("task.head_structure", m.head());
      try {
        source = Files.readString(path);
      } catch (IOException e) {
        throw file.error(
            "task.head_structure",
            "no built-in structure '"
                + m.head()
                + "' and no file "
                + path
                + " ("
                + e.getMessage()
                + ")");
      }
    }
    return c.with(m.toBuilder().headSource(source).build());
  }

  /**
   * The value {@code work} computes from the task; an error about one of its settings is reported
   * at that key of the study file ({@code optimizer} at {@code task.optimizer}).
   */
  private static <T> T atTask(StudyFile file, java.util.function.Supplier<T> work) {
    return atTask(file, null, work);
  }

  /**
   * As {@link #atTask(StudyFile, java.util.function.Supplier)}, errors about no setting reported at
   * {@code key}.
   */
  private static <T> T atTask(StudyFile file, String key, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (EinError e) {
      if (e.diagnostic().isPresent() || (e.setting().isEmpty() && key == null)) {
        throw e;
      }
      String at = "task." + e.setting().orElse(key);
      throw file.error(at, "'" + at + "': " + e.detail());
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  static String sha(String text) {
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString();
  }
}
