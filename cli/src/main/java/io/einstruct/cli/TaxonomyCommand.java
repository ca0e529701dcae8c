package io.einstruct.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.einstruct.dsl.EinError;
import io.einstruct.taxonomy.Catalog;
import io.einstruct.taxonomy.CatalogEntry;
import io.einstruct.taxonomy.theta.Fractions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct taxonomy}: the built-ins and the θ grid with ω, ψ, ν, params and MACs. */
@Command(
    name = "taxonomy",
    mixinStandardHelpOptions = true,
    description = {
      "Tabulate the built-ins (default parameters) and the canonical, non-degenerate θ grid "
          + "over {0, ¼, ⅓, ½, ⅔, ¾, 1} with ω (parameter sharing), ψ (rank exponent), "
          + "ν (compute intensity), and params and MACs per input at a square width."
    })
final class TaxonomyCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    json,
    csv
  }

  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Option(
      names = "--width",
      paramLabel = "D",
      defaultValue = "1024",
      description = "d_in = d_out for params and MACs (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Also write the taxonomy report (index.html, report.md, report.json, CSV) here.")
  java.nio.file.Path reportDir;

  @Override
  public Integer call() throws Exception {
    if (width < 2 || width > (1 << 20)) {
      throw EinError.of("--width", "must be between 2 and 1048576, got " + width);
    }
    List<CatalogEntry> entries = Catalog.of(main.library(), width);
    var out = spec.commandLine().getOut();
    switch (format) {
      case text -> out.print(text(entries));
      case json -> out.println(json(entries));
      case csv -> out.print(csv(entries));
      default -> throw new AssertionError(format);
    }
    if (reportDir != null) {
      java.nio.file.Path index =
          io.einstruct.reports.ReportWriter.write(
              io.einstruct.reports.TaxonomyReport.build(entries, width), reportDir);
      spec.commandLine().getErr().println("report: " + index);
    }
    out.flush();
    return Main.OK;
  }

  private String text(List<CatalogEntry> entries) {
    TextTable table =
        new TextTable("structure", "θ (α|β|γ|δ|ε|φ|ρ)", ">ω", ">ψ", ">ν", ">params", ">MACs");
    for (CatalogEntry e : entries) {
      table.row(
          e.builtIn() ? e.name() : "θ",
          e.theta().map(t -> t.pretty()).orElse("-"),
          Fractions.pretty(e.taxonomy().omega()),
          Fractions.pretty(e.taxonomy().psi()),
          Fractions.pretty(e.taxonomy().nu()),
          e.params() < 0 ? "-" : Numbers.count(e.params()),
          e.macs() < 0 ? "-" : Numbers.count(e.macs()));
    }
    long grid = entries.stream().filter(e -> !e.builtIn()).count();
    return "taxonomy at d_in = d_out = "
        + Numbers.count(width)
        + ": "
        + (entries.size() - grid)
        + " built-ins, "
        + grid
        + " θ points (- : not realisable at this width)\n"
        + table.render("");
  }

  private List<Map<String, Object>> rows(List<CatalogEntry> entries) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CatalogEntry e : entries) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", e.name());
      row.put("kind", e.builtIn() ? "built-in" : "theta");
      row.put("theta", e.theta().map(t -> t.format()).orElse(null));
      row.put("omega", finite(e.taxonomy().omega()));
      row.put("psi", finite(e.taxonomy().psi()));
      row.put("nu", finite(e.taxonomy().nu()));
      row.put("params", e.params() < 0 ? null : e.params());
      row.put("macs", e.macs() < 0 ? null : e.macs());
      row.put("note", e.note());
      rows.add(row);
    }
    return rows;
  }

  private String json(List<CatalogEntry> entries) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format_version", 1);
    root.put("width", width);
    ArrayNode array = root.putArray("structures");
    rows(entries).forEach(r -> array.add(mapper.valueToTree(r)));
    return mapper.writeValueAsString(root);
  }

  private String csv(List<CatalogEntry> entries) throws Exception {
    CsvMapper mapper = new CsvMapper();
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    for (String column :
        List.of("name", "kind", "theta", "omega", "psi", "nu", "params", "macs", "note")) {
      schema.addColumn(column);
    }
    return mapper.writer(schema.build()).writeValueAsString(rows(entries));
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
