package io.einstruct.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Plural;
import io.einstruct.search.store.MetricRow;
import io.einstruct.search.store.StoreUrl;
import io.einstruct.search.store.StudyStatus;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import io.einstruct.train.run.AtomicFiles;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code einstruct study}: look into a store. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    subcommands = {
      StudyCommand.ListStudies.class,
      StudyCommand.Status.class,
      StudyCommand.Export.class,
      StudyCommand.Delete.class,
      StudyCommand.Cancel.class,
      StudyCommand.Requeue.class
    },
    description =
        "List the studies of a store, show one study's trials, export them, or delete or cancel"
            + " some.")
final class StudyCommand {
  /** {@code study list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Every study in the store with its progress (default: every runs/*.db, where search"
              + " puts studies).")
  static final class ListStudies implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin StoreOptions store = new StoreOptions();

    @Override
    public Integer call() throws java.io.IOException {
      List<StoreUrl> urls = new java.util.ArrayList<>();
      if (store.given()) {
        urls.add(store.url(null));
      } else {
        Path dir = Path.of(StoreOptions.DEFAULT_DIR);
        if (Files.isDirectory(dir)) {
          try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".db")).sorted().toList()) {
              urls.add(StoreUrl.parse("sqlite:" + f, null, System.getenv()));
            }
          }
        }
      }
      TextTable table =
          new TextTable(
              "study", ">trials", ">done", ">running", ">queued", ">failed", ">pruned", "store");
      for (StoreUrl url : urls) {
        try (TrialStore s = TrialStore.openExisting(url, 1)) {
          for (StudyStatus st : s.studies()) {
            table.row(
                st.name(),
                st.total(),
                st.done(),
                st.running(),
                st.queued(),
                st.failed(),
                st.pruned(),
                url.shown());
          }
        }
      }
      spec.commandLine().getOut().print(table.render(""));
      spec.commandLine().getOut().flush();
      return Main.OK;
    }
  }

  /** {@code study status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "One study's trials: configuration, state, worker and final metrics.")
  static final class Status implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
    String study;

    @Override
    public Integer call() {
      try (TrialStore s = TrialStore.openExisting(store.url(study), 1)) {
        requireStudy(s, study);
        spec.commandLine().getOut().print(render(s, study));
        spec.commandLine().getOut().flush();
      }
      return Main.OK;
    }
  }

  /**
   * A study's status: its counts, then a row per trial; a running trial shows its latest evaluation
   * (step, training loss, throughput and, when its length is in steps, an ETA).
   */
  static String render(TrialStore s, String study) {
    Map<Integer, EvalPoint> latest = new LinkedHashMap<>();
    for (MetricRow m : s.metrics(study)) {
      latest.put(m.trial(), m.point());
    }
    Map<Integer, io.einstruct.train.run.TrainConfig> configs = s.configs(study);
    TextTable table =
        new TextTable(
            ">#",
            "structure",
            ">width",
            ">lr",
            ">seed",
            "status",
            ">attempts",
            ">train loss",
            ">test error",
            ">FLOPs",
            ">seconds",
            "note");
    for (TrialRow t : s.trials(study)) {
      EvalPoint now = t.status().equals("running") ? latest.get(t.number()) : null;
      table.row(
          t.number(),
          t.label(),
          t.width(),
          fmt("%.3g", t.lr()),
          t.seed(),
          t.status(),
          t.attempts(),
          fmt("%.4f", now != null ? (Double) now.trainLoss() : t.finalTrainLoss()),
          t.finalTestError() == null ? "-" : fmt("%.2f%%", 100 * t.finalTestError()),
          fmt("%.3g", now != null ? (Double) now.flops() : t.finalFlops()),
          fmt("%.1f", now != null ? (Double) now.wallSeconds() : t.wallSeconds()),
          now != null ? live(now, configs.get(t.number())) : t.error() == null ? "" : t.error());
    }
    StudyStatus st = s.status(study);
    return String.format(
            Locale.ROOT,
            "%s: %s, %d done, %d running, %d queued, %d failed, %d pruned%s%n",
            study,
            Plural.of(st.total(), "trial"),
            st.done(),
            st.running(),
            st.queued(),
            st.failed(),
            st.pruned(),
            st.cancelled() == 0 ? "" : ", " + st.cancelled() + " cancelled")
        + table.render("  ");
  }

  /** Where a running trial stands: its last evaluated step, throughput and ETA. */
  private static String live(EvalPoint p, io.einstruct.train.run.TrainConfig c) {
    double rate = p.samples() / Math.max(p.wallSeconds(), 1e-9);
    String line =
        String.format(
            Locale.ROOT, "step %d, %s samples/s", p.step(), Numbers.count(Math.round(rate)));
    long steps = c == null ? 0 : c.run().steps();
    if (steps > p.step() && p.step() > 0) {
      double eta = p.wallSeconds() / p.step() * (steps - p.step());
      line += String.format(Locale.ROOT, ", ETA %d:%02d", (long) eta / 60, (long) eta % 60);
    }
    return line;
  }

  /** {@code study export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write a study's trials and metrics as trials.csv and metrics.csv (or one "
              + "study.json) into --out.")
  static final class Export implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
    String study;

    @Option(names = "--format", defaultValue = "csv", description = "csv (default) or json.")
    String format;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Directory to write (default: runs/STUDY-export).")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path dir = out != null ? out : Path.of("runs", study + "-export");
      try (TrialStore s = TrialStore.openExisting(store.url(study), 1)) {
        requireStudy(s, study);
        List<Map<String, Object>> trials = trials(s.trials(study), s.configs(study));
        List<Map<String, Object>> metrics = metrics(s.metrics(study));
        switch (format.toLowerCase(java.util.Locale.ROOT)) {
          case "csv" -> {
            write(dir.resolve("trials.csv"), csv(trials));
            write(dir.resolve("metrics.csv"), csv(metrics));
          }
          case "json" -> {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("format_version", 1);
            root.put("study", study);
            root.put("spec", s.spec(study).orElse(""));
            root.put("trials", trials);
            root.put("metrics", metrics);
            Json.write(dir.resolve("study.json"), root);
          }
          default -> throw EinError.of("--format", "expected csv or json, got '" + format + "'");
        }
      }
      spec.commandLine().getOut().println("wrote " + dir);
      spec.commandLine().getOut().flush();
      return Main.OK;
    }

    /**
     * Each trial as a row; each structure parameter is a column of its own ({@code param_rank}).
     */
    private static List<Map<String, Object>> trials(
        List<TrialRow> rows, Map<Integer, io.einstruct.train.run.TrainConfig> configs) {
      java.util.SortedSet<String> names = new java.util.TreeSet<>();
      Map<Integer, Map<String, String>> params = new LinkedHashMap<>();
      for (var e : configs.entrySet()) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : e.getValue().model().params()) {
          int eq = p.indexOf('=');
          if (eq > 0) {
            values.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            names.add(p.substring(0, eq).strip());
          }
        }
        params.put(e.getKey(), values);
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (TrialRow t : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", t.number());
        m.put("structure", t.label());
        m.put("width", t.width());
        m.put("lr", t.lr());
        m.put("seed", t.seed());
        m.put("params", t.params());
        m.put("macs", t.macs());
        m.put("flops_estimate", t.flopsEstimate());
        m.put("status", t.status());
        m.put("attempts", t.attempts());
        m.put("final_train_loss", t.finalTrainLoss());
        m.put("final_test_loss", t.finalTestLoss());
        m.put("final_test_error", t.finalTestError());
        m.put("final_flops", t.finalFlops());
        m.put("wall_seconds", t.wallSeconds());
        m.put("error", t.error());
        for (String name : names) {
          m.put("param_" + name, params.getOrDefault(t.number(), Map.of()).get(name));
        }
        out.add(m);
      }
      return out;
    }

    private static final TypeReference<LinkedHashMap<String, Object>> POINT =
        new TypeReference<>() {};

    private static List<Map<String, Object>> metrics(List<MetricRow> rows) {

      List<Map<String, Object>> out = new ArrayList<>();
      ObjectMapper json = Json.mapper();
      for (MetricRow r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", r.trial());
        m.put("structure", r.label());
        m.put("width", r.width());
        m.put("lr", r.lr());
        m.put("seed", r.seed());
        // every field of the evaluation as metrics.jsonl names it; its lr is the scheduled rate
        Map<String, Object> point = json.convertValue(r.point(), POINT);
        point.forEach((k, v) -> m.put(k.equals("lr") ? "lr_at_step" : k, v));
        out.add(m);
      }
      return out;
    }

    private static String csv(List<Map<String, Object>> rows) throws Exception {
      CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
      if (!rows.isEmpty()) {
        rows.get(0).keySet().forEach(schema::addColumn);
      }
      List<Map<String, Object>> safe = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.replaceAll((k, v) -> v instanceof String text ? inert(text) : v);
        safe.add(copy);
      }
      return new CsvMapper().writer(schema.build()).writeValueAsString(safe);
    }

    /**
     * A text cell a spreadsheet will not run: one starting with {@code = + - @} (or a tab or
     * carriage return) gets a leading apostrophe, OWASP's advice against formula injection.
     */
    static String inert(String text) {
      return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static void write(Path path, String text) throws Exception {
      AtomicFiles.write(path, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Which trials {@code delete} and {@code cancel} act on. */
  static final class Selection {
    @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
    String study;

    @Option(
        names = "--trial",
        paramLabel = "N",
        description = "A trial number, as study status shows it; repeat for several.")
    List<Integer> trials;

    @Option(
        names = "--structure",
        paramLabel = "NAME[@HASH]",
        description =
            "Every trial of a structure: NAME for all its versions, NAME@HASH (as status shows it)"
                + " for one.")
    String structure;

    java.util.SortedSet<Integer> resolve(TrialStore s) {
      requireStudy(s, study);
      if (trials == null && structure == null) {
        throw EinError.of("--trial", "give --trial N or --structure NAME[@HASH]");
      }
      java.util.SortedSet<Integer> chosen = s.select(study, trials, structure);
      if (chosen.isEmpty()) {
        throw EinError.of(
            structure != null ? "--structure" : "--trial",
            "no trial of study '" + study + "' matches");
      }
      return chosen;
    }
  }

  /** What {@code delete} and {@code cancel} share: open the store, choose trials, act, report. */
  abstract static class Acting implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoreOptions store = new StoreOptions();

    @Mixin Selection selection = new Selection();

    /** Acts on {@code chosen}; returns the line to print. */
    abstract String act(TrialStore s, java.util.SortedSet<Integer> chosen);

    @Override
    public Integer call() {
      try (TrialStore s = TrialStore.openExisting(store.url(selection.study), 1)) {
        spec.commandLine().getOut().println(act(s, selection.resolve(s)));
        spec.commandLine().getOut().flush();
      }
      return Main.OK;
    }
  }

  /** {@code study delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Remove trials and their metrics from a study, in one transaction.")
  static final class Delete extends Acting {
    @Override
    String act(TrialStore s, java.util.SortedSet<Integer> chosen) {
      return "deleted " + Plural.of(s.delete(selection.study, chosen), "trial") + ": " + chosen;
    }
  }

  /** {@code study cancel}. */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description =
          "Stop queued or running trials: they are cancelled, keep their metrics, and are never"
              + " claimed again.")
  static final class Cancel extends Acting {
    @Override
    String act(TrialStore s, java.util.SortedSet<Integer> chosen) {
      return "cancelled "
          + s.cancel(selection.study, chosen)
          + " of "
          + Plural.of(chosen.size(), "trial")
          + " (the others had ended): "
          + chosen;
    }
  }

  /** {@code study requeue}. */
  @Command(
      name = "requeue",
      mixinStandardHelpOptions = true,
      description =
          "Queue trials again from scratch (attempts 0, metrics removed): every failed trial, or"
              + " the ones named.")
  static final class Requeue implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
    String study;

    @Option(names = "--failed", description = "Every failed trial.")
    boolean failed;

    @Option(
        names = "--trial",
        paramLabel = "N",
        description = "A trial number, as study status shows it; repeat for several.")
    List<Integer> trials;

    @Override
    public Integer call() {
      if (!failed && trials == null) {
        throw EinError.of("--failed", "give --failed or --trial N");
      }
      try (TrialStore s = TrialStore.openExisting(store.url(study), 1)) {
        requireStudy(s, study);
        java.util.SortedSet<Integer> chosen = new java.util.TreeSet<>();
        if (failed) {
          chosen.addAll(s.withStatus(study, io.einstruct.search.store.TrialStatus.FAILED));
        }
        if (trials != null) {
          java.util.SortedSet<Integer> named = s.select(study, trials, null);
          if (named.size() < new java.util.TreeSet<>(trials).size()) {
            throw EinError.of(
                "--trial", "study '" + study + "' has no trial " + missing(trials, named));
          }
          chosen.addAll(named);
        }
        int n = s.requeue(study, chosen);
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "requeued %s%s; run einstruct search or worker to train them%n",
                Plural.of(n, "trial"),
                chosen.isEmpty() ? "" : ": " + chosen);
        spec.commandLine().getOut().flush();
      }
      return Main.OK;
    }

    private static String missing(List<Integer> asked, java.util.Set<Integer> found) {
      return asked.stream()
          .filter(t -> !found.contains(t))
          .findFirst()
          .map(String::valueOf)
          .orElse("");
    }
  }

  static void requireStudy(TrialStore s, String study) {
    if (s.studyId(study).isEmpty()) {
      throw EinError.of("--study", "no study '" + study + "' in " + s.url());
    }
  }

  private static String fmt(String pattern, Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, pattern, v);
  }
}
