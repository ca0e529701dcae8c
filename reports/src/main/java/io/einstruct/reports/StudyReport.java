package io.einstruct.reports;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Plural;
import io.einstruct.dsl.library.Library;
import io.einstruct.search.fit.ComputeAxis;
import io.einstruct.search.fit.DualFit;
import io.einstruct.search.fit.FitPoint;
import io.einstruct.search.fit.PowerLaw;
import io.einstruct.search.fit.ScalingLaws;
import io.einstruct.search.fit.StructureFit;
import io.einstruct.search.fit.TaxonomyRegression;
import io.einstruct.search.store.MetricRow;
import io.einstruct.search.store.RunEnvironment;
import io.einstruct.search.store.StudyStatus;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.store.Versions;
import io.einstruct.taxonomy.Taxonomy;
import io.einstruct.train.model.StructureChoice;
import io.einstruct.train.run.RunModels;
import io.einstruct.train.run.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The report of a study: scaling laws, the structures' taxonomy, learning rates, every trial. */
public final class StudyReport {
  private StudyReport() {}

  /** Builds the report of {@code study} from the store, compute counted in total FLOPs. */
  public static Report build(TrialStore store, String study, Library library) {
    return build(store, study, library, ComputeAxis.TOTAL);
  }

  /** Builds the report of {@code study} from the store, compute counted on {@code axis}. */
  public static Report build(TrialStore store, String study, Library library, ComputeAxis axis) {
    if (store.studyId(study).isEmpty()) {
      throw EinError.setting("study", "no study '" + study + "' in " + store.url());
    }
    List<TrialRow> trials = store.trials(study);
    List<MetricRow> metrics = store.metrics(study);
    Map<Integer, TrainConfig> configs = store.configs(study);
    List<DualFit> dual = ScalingLaws.fitBoth(metrics, ScalingLaws.Metric.TRAIN_LOSS, axis, 0, 0);
    List<StructureFit> fits = dual.stream().map(DualFit::compute).toList();
    List<String> labels = labels(trials);
    List<Section> sections = new ArrayList<>();
    sections.add(overview(store.status(study), trials, configs));
    sections.add(ScalingSection.build(labels, metrics, dual, axis));
    sections.add(structures(labels, trials, configs, fits, library));
    taxonomyFit(labels, trials, configs, fits, library).ifPresent(sections::add);
    sizes(labels, trials).ifPresent(sections::add);
    LearningRateSection.build(labels, trials).ifPresent(sections::add);
    sections.add(trialsSection(trials));
    sections.add(appendix(store.spec(study).orElse(""), trials, configs));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("study", study);
    data.put("store", store.url().shown());
    return new Report(
        "einstruct study: " + study,
        "Which structures use compute best: "
            + Plural.of(trials.size(), "trial")
            + " of "
            + Plural.of(labels.size(), "structure")
            + ".",
        sections,
        data);
  }

  /**
   * The final training loss of each structure against model width and against parameters: the best
   * trial (over rates and seeds) at each width, joined per structure.
   */
  private static java.util.Optional<Section> sizes(List<String> labels, List<TrialRow> trials) {
    CurvesChart byWidth =
        new CurvesChart("Final loss by width", "width", "training loss", true, true);
    CurvesChart byParams =
        new CurvesChart("Final loss by parameters", "parameters", "training loss", true, true);
    boolean any = false;
    for (int i = 0; i < labels.size(); i++) {
      java.util.TreeMap<Integer, TrialRow> best = new java.util.TreeMap<>();
      for (TrialRow t : trials) {
        if (t.label().equals(labels.get(i)) && t.finalTrainLoss() != null) {
          best.merge(t.width(), t, (a, b) -> a.finalTrainLoss() <= b.finalTrainLoss() ? a : b);
        }
      }
      if (best.isEmpty()) {
        continue;
      }
      any = true;
      double[] w = best.values().stream().mapToDouble(TrialRow::width).toArray();
      double[] p = best.values().stream().mapToDouble(t -> (double) t.params()).toArray();
      double[] loss = best.values().stream().mapToDouble(TrialRow::finalTrainLoss).toArray();
      byWidth.linePoints(labels.get(i), i, w, loss);
      byParams.linePoints(labels.get(i), i, p, loss);
    }
    if (!any) {
      return java.util.Optional.empty();
    }
    String caption =
        "Per structure, the lowest final training loss among its trials at each width (over"
            + " learning rates and seeds). Both axes logarithmic.";
    return java.util.Optional.of(
        new Section(
            "sizes",
            "Loss by size",
            List.of(),
            List.of(
                new Figure(
                    "loss-vs-width",
                    "Final training loss by width",
                    caption,
                    byWidth.svg("loss-vs-width", 880, 420)),
                new Figure(
                    "loss-vs-params",
                    "Final training loss by parameters",
                    caption,
                    byParams.svg("loss-vs-params", 880, 420))),
            List.of()));
  }

  /** The study file and the source of every structure its trials used, each once, with its hash. */
  private static Section appendix(
      String spec, List<TrialRow> trials, Map<Integer, TrainConfig> configs) {
    List<Section.Listing> listings = new ArrayList<>();
    listings.add(new Section.Listing("The study file", spec));
    Map<String, String> sources = new LinkedHashMap<>();
    for (TrialRow t : trials) {
      TrainConfig c = configs.get(t.number());
      if (c != null && c.model().source() != null) {
        String label = t.label().replaceFirst(" .*", "");
        sources.putIfAbsent(label + "\u0000" + c.model().source(), label);
      }
    }
    sources.forEach(
        (key, label) -> {
          String source = key.substring(key.indexOf('\u0000') + 1);
          String sha =
              com.google.common.hash.Hashing.sha256()
                  .hashString(source, java.nio.charset.StandardCharsets.UTF_8)
                  .toString();
          listings.add(
              new Section.Listing(label + " (SHA-256 " + sha.substring(0, 12) + "…)", source));
        });
    return new Section(
        "appendix",
        "Appendix: the study and its structures",
        List.of(
            "Each structure's DSL source as the trials ran it; a name with two sources is two"
                + " structures."),
        List.of(),
        List.of(),
        listings);
  }

  static List<String> labels(List<TrialRow> trials) {
    List<String> labels = new ArrayList<>();
    for (TrialRow t : trials) {
      if (!labels.contains(t.label())) {
        labels.add(t.label());
      }
    }
    return labels;
  }

  private static Section overview(
      StudyStatus s, List<TrialRow> trials, Map<Integer, TrainConfig> configs) {
    List<String> text = new ArrayList<>();
    TrainConfig c = configs.values().stream().findFirst().orElse(null);
    if (c != null) {
      text.add(
          String.format(
              Locale.ROOT,
              "Task: %s on %s, %s, batch %d, base learning rate "
                  + "%.3g at width d0 = %d with structure-aware μP (%s, %s schedule).",
              c.model().kind(),
              c.data().source(),
              c.run().steps() > 0 ? c.run().steps() + " steps" : c.run().epochs() + " epochs",
              c.run().batch(),
              c.optim().lr(),
              c.model().baseWidth(),
              c.optim().kind(),
              c.optim().schedule()));
    }
    text.add(
        String.format(
            Locale.ROOT,
            "Trials: %d in all; %d done, %d running, %d queued, %d " + "failed, %d pruned.",
            s.total(),
            s.done(),
            s.running(),
            s.queued(),
            s.failed(),
            s.pruned()));
    double flops =
        trials.stream().filter(t -> t.finalFlops() != null).mapToDouble(TrialRow::finalFlops).sum();
    double seconds =
        trials.stream()
            .filter(t -> t.wallSeconds() != null)
            .mapToDouble(TrialRow::wallSeconds)
            .sum();
    text.add(
        String.format(
            Locale.ROOT,
            "Compute spent: %.3g training FLOPs (6 × forward "
                + "multiply-adds × examples) in %.0f s of training.",
            flops,
            seconds));
    RunEnvironment.mismatch(trials).ifPresent(w -> text.add("Note: " + w + "."));
    Versions.note(trials).ifPresent(w -> text.add("Note: " + w + "."));
    return new Section("overview", "Overview", text, List.of(), List.of());
  }

  private static Section structures(
      List<String> labels,
      List<TrialRow> trials,
      Map<Integer, TrainConfig> configs,
      List<StructureFit> fits,
      Library library) {
    List<List<Object>> rows = new ArrayList<>();
    List<TaxonomyChart.Point> points = new ArrayList<>();
    for (String label : labels) {
      TrialRow widest = widest(trials, label);
      Taxonomy tax = taxonomy(configs.get(widest.number()), library);
      if (tax != null && tax.known()) {
        points.add(new TaxonomyChart.Point(label, tax.omega(), tax.psi(), tax.nu()));
      }
      StructureFit fit =
          fits.stream().filter(f -> f.label().equals(label)).findFirst().orElse(null);
      Double bestError =
          trials.stream()
              .filter(t -> t.label().equals(label))
              .map(TrialRow::finalTestError)
              .filter(Objects::nonNull)
              .min(Double::compare)
              .orElse(null);
      rows.add(
          List.of(
              label,
              widest.width(),
              widest.params(),
              widest.macs(),
              tax == null ? Double.NaN : tax.omega(),
              tax == null ? Double.NaN : tax.psi(),
              tax == null ? Double.NaN : tax.nu(),
              fit == null ? Double.NaN : fit.best(),
              bestError == null ? Double.NaN : bestError,
              fit == null || fit.law() == null ? Double.NaN : fit.law().alpha()));
    }
    Table table =
        new Table(
            "structures",
            "Structures",
            "Parameters and forward multiply-adds "
                + "per example of the whole model at each structure's largest width; ω (parameter "
                + "sharing), ψ (rank exponent) and ν (compute intensity) of the structure as d grows; "
                + "the lowest training loss and test error any trial reached; α, the fitted scaling "
                + "exponent of the training loss.",
            List.of(
                "structure",
                "width",
                "params",
                "MACs",
                "ω",
                "ψ",
                "ν",
                "best train loss",
                "best test error",
                "α"),
            rows);
    List<Figure> figures = new ArrayList<>();
    if (!points.isEmpty()) {
      figures.add(
          new Figure(
              "study-taxonomy",
              "The study's structures in the ω–ψ plane",
              "Each structure of the study at its place in einsum-search's taxonomy: ω, parameter "
                  + "sharing (each parameter is used d^ω times per input), against ψ, the rank "
                  + "exponent, coloured by ν, the compute intensity; large-d slopes of the "
                  + "structure as bound in the study.",
              TaxonomyChart.svg(
                  "study-taxonomy", "Structures in the ω–ψ plane", points, 900, 560)));
    }
    return new Section(
        "structures",
        "Structures",
        List.of(
            "Where each structure sits in the " + "taxonomy of einsum-search, and how far it got."),
        figures,
        List.of(table));
  }

  /**
   * α against ω, ψ and ν across the study's structures, with einsum-search's regression, when
   * enough structures have both a place in the taxonomy and a fitted exponent.
   */
  private static java.util.Optional<Section> taxonomyFit(
      List<String> labels,
      List<TrialRow> trials,
      Map<Integer, TrainConfig> configs,
      List<StructureFit> fits,
      Library library) {
    List<String> names = new ArrayList<>();
    List<TaxonomyRegression.Row> rows = new ArrayList<>();
    List<List<Object>> table = new ArrayList<>();
    for (String label : labels) {
      StructureFit fit =
          fits.stream().filter(f -> f.label().equals(label)).findFirst().orElse(null);
      if (fit == null || fit.law() == null) {
        continue;
      }
      Taxonomy tax = taxonomy(configs.get(widest(trials, label).number()), library);
      if (tax == null || !tax.known()) {
        continue;
      }
      names.add(
          String.format(
              Locale.ROOT, "%s: α %.3f ± %.3f", label, fit.law().alpha(), fit.law().alphaStdErr()));
      rows.add(new TaxonomyRegression.Row(tax.omega(), tax.psi(), tax.nu(), fit.law().alpha()));
      table.add(
          List.of(
              label,
              tax.omega(),
              tax.psi(),
              tax.nu(),
              fit.law().alpha(),
              fit.law().alphaStdErr(),
              fit.law().alphaLow(),
              fit.law().alphaHigh()));
    }
    var regression = TaxonomyRegression.fit(rows);
    if (regression.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<Figure> figures = new ArrayList<>();
    String[] coordinate = {"ω (parameter sharing)", "ψ (rank exponent)", "ν (compute intensity)"};
    String[] id = {"alpha-omega", "alpha-psi", "alpha-nu"};
    for (int k = 0; k < 3; k++) {
      double[] x = new double[rows.size()];
      double[] y = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        TaxonomyRegression.Row r = rows.get(i);
        x[i] = k == 0 ? r.omega() : k == 1 ? r.psi() : r.nu();
        y[i] = r.alpha();
      }
      CurvesChart chart =
          new CurvesChart("α against " + coordinate[k], coordinate[k], "α", false, false)
              .labelled("structures", 0, x, y, names);
      figures.add(
          new Figure(
              id[k],
              "α against " + coordinate[k],
              "Each structure's fitted exponent of training loss against training FLOPs, at its"
                  + " place in the taxonomy; hover a point for its name and α ± its standard error.",
              chart.svg(id[k], 600, 380)));
    }
    Table t =
        new Table(
            "alpha-taxonomy",
            "α and the taxonomy",
            "Each structure with a fitted law: ω, ψ, ν and α with its standard error and 95%"
                + " bootstrap interval.",
            List.of("structure", "ω", "ψ", "ν", "α", "α s.e.", "α low", "α high"),
            table);
    return java.util.Optional.of(
        new Section(
            "alpha-taxonomy",
            "α across the taxonomy",
            List.of(
                "einsum-search (§4) finds that structures with less parameter sharing (small ω) and"
                    + " more rank (large ψ) scale best, and that ν hardly matters. Least squares over"
                    + " this study's structures: "
                    + regression.get().formula()
                    + "."),
            figures,
            List.of(t)));
  }

  /** The trial of {@code label} at its largest width: where its taxonomy is read. */
  private static TrialRow widest(List<TrialRow> trials, String label) {
    return trials.stream()
        .filter(t -> t.label().equals(label))
        .max(java.util.Comparator.comparingInt(TrialRow::width))
        .orElseThrow();
  }

  private static Taxonomy taxonomy(TrainConfig c, Library library) {
    try {
      StructureChoice s = RunModels.structure(library, c.model());
      int w = c.model().width();
      var bound = s.template().bind(s.args().with("d_in", w).with("d_out", w));
      return Taxonomy.of(s.template(), s.args(), bound);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Section trialsSection(List<TrialRow> trials) {
    List<List<Object>> rows = new ArrayList<>();
    for (TrialRow t : trials) {
      rows.add(
          java.util.Arrays.asList(
              t.number(),
              t.label(),
              t.width(),
              t.lr(),
              t.seed(),
              t.params(),
              t.macs(),
              t.status(),
              t.finalTrainLoss(),
              t.finalTestLoss(),
              t.finalTestError(),
              t.finalFlops(),
              t.wallSeconds()));
    }
    Table table =
        new Table(
            "trials",
            "Trials",
            "Every trial's configuration and final "
                + "evaluation: training loss (mean over the steps since the previous evaluation), test "
                + "loss and error on the held-out set, training FLOPs and seconds of training.",
            List.of(
                "trial",
                "structure",
                "width",
                "lr",
                "seed",
                "params",
                "MACs",
                "status",
                "train loss",
                "test loss",
                "test error",
                "FLOPs",
                "seconds"),
            rows);
    return new Section("trials", "Trials", List.of(), List.of(), List.of(table));
  }

  /** The frontier points of a fit as arrays. */
  static double[][] arrays(List<FitPoint> points) {
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i).flops();
      y[i] = points.get(i).value();
    }
    return new double[][] {x, y};
  }

  /** The law as a line over the frontier's span. */
  static double[][] line(PowerLaw law, List<FitPoint> frontier) {
    double lo = frontier.stream().mapToDouble(FitPoint::flops).min().orElse(1);
    double hi = frontier.stream().mapToDouble(FitPoint::flops).max().orElse(1);
    int n = 24;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = lo * Math.pow(hi / lo, (double) i / (n - 1));
      y[i] = law.at(x[i]);
    }
    return new double[][] {x, y};
  }
}
