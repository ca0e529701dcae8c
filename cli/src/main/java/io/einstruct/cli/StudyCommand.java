package io.einstruct.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.einstruct.dsl.EinError;
import io.einstruct.search.store.MetricRow;
import io.einstruct.search.store.StudyStatus;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import io.einstruct.train.run.AtomicFiles;
import io.einstruct.train.run.Json;
import java.nio.charset.StandardCharsets;
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
      StudyCommand.Export.class
    },
    description = "List the studies of a store, show one study's trials, or export them.")
final class StudyCommand {
  /** {@code study list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Every study in the store with its progress.")
  static final class ListStudies implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin StoreOptions store = new StoreOptions();

    @Override
    public Integer call() {
      try (TrialStore s = TrialStore.open(store.url(null), 1)) {
        TextTable table =
            new TextTable("study", ">trials", ">done", ">running", ">queued", ">failed", ">pruned");
        for (StudyStatus st : s.studies()) {
          table.row(
              st.name(),
              st.total(),
              st.done(),
              st.running(),
              st.queued(),
              st.failed(),
              st.pruned());
        }
        spec.commandLine().getOut().print(table.render(""));
        spec.commandLine().getOut().flush();
      }
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
      try (TrialStore s = TrialStore.open(store.url(null), 1)) {
        requireStudy(s, study);
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
          table.row(
              t.number(),
              t.label(),
              t.width(),
              fmt("%.3g", t.lr()),
              t.seed(),
              t.status(),
              t.attempts(),
              fmt("%.4f", t.finalTrainLoss()),
              t.finalTestError() == null ? "-" : fmt("%.2f%%", 100 * t.finalTestError()),
              fmt("%.3g", t.finalFlops()),
              fmt("%.1f", t.wallSeconds()),
              t.error() == null ? "" : t.error());
        }
        var out = spec.commandLine().getOut();
        StudyStatus st = s.status(study);
        out.printf(
            Locale.ROOT,
            "%s: %d trials, %d done, %d running, %d queued, %d failed, %d " + "pruned%n",
            study,
            st.total(),
            st.done(),
            st.running(),
            st.queued(),
            st.failed(),
            st.pruned());
        out.print(table.render("  "));
        out.flush();
      }
      return Main.OK;
    }
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
      try (TrialStore s = TrialStore.open(store.url(null), 1)) {
        requireStudy(s, study);
        List<Map<String, Object>> trials = trials(s.trials(study));
        List<Map<String, Object>> metrics = metrics(s.metrics(study));
        switch (format) {
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

    private static List<Map<String, Object>> trials(List<TrialRow> rows) {
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
      return new CsvMapper().writer(schema.build()).writeValueAsString(rows);
    }

    private static void write(Path path, String text) throws Exception {
      AtomicFiles.write(path, text.getBytes(StandardCharsets.UTF_8));
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
