package io.einstruct.reports;

import io.einstruct.taxonomy.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report of the taxonomy: the built-ins and the θ grid in the ω–ψ plane, and their table. */
public final class TaxonomyReport {
  private TaxonomyReport() {}

  /** Builds the report from the catalog at {@code width}. */
  public static Report build(List<CatalogEntry> entries, int width) {
    List<TaxonomyChart.Point> points = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    for (CatalogEntry e : entries) {
      var t = e.taxonomy();
      if (t.known()) {
        points.add(
            new TaxonomyChart.Point(
                e.builtIn() ? e.name() : null,
                t.omega(),
                t.psi(),
                t.nu(),
                e.builtIn()
                    ? e.name()
                    : e.name() + " " + e.theta().map(th -> th.pretty()).orElse("")));
      }
      rows.add(
          java.util.Arrays.asList(
              e.name(),
              e.builtIn() ? "built-in" : "θ grid",
              e.theta().map(th -> th.pretty()).orElse(null),
              t.omega(),
              t.psi(),
              t.nu(),
              e.params() < 0 ? null : e.params(),
              e.macs() < 0 ? null : e.macs(),
              e.note().isEmpty() ? null : e.note()));
    }
    Figure scatter =
        new Figure(
            "taxonomy",
            "The ω–ψ plane",
            "One point per structure: ω, how "
                + "many times (as a power of d) each parameter is reused per input; ψ, the exponent of "
                + "the rank; colour, ν, the exponent of the compute per input beyond d. Built-ins are "
                + "labelled; unlabelled points are the canonical, non-degenerate θ grid over {0, ¼, ⅓, "
                + "½, ⅔, ¾, 1}. Exponents are large-d slopes (index sizes measured between d = 2^12 and "
                + "2^24, rank by minimum cut). Points at the same place are jittered slightly.",
            TaxonomyChart.svg("taxonomy", "Structures in the ω–ψ plane", points, 900, 600));
    Table table =
        new Table(
            "taxonomy",
            "Taxonomy",
            "ω, ψ, ν as above; θ the size exponents "
                + "(α|β|γ|δ|ε|φ|ρ) of the seven index classes of a two-factor einsum; parameters and "
                + "multiply-adds per input at d_in = d_out = "
                + width
                + " (– when the rounded sizes are "
                + "more than 15% off the width).",
            List.of("structure", "kind", "θ", "ω", "ψ", "ν", "params", "MACs", "note"),
            rows);
    Section section =
        new Section(
            "taxonomy",
            "Taxonomy",
            List.of(
                "einsum-search finds that "
                    + "structures with no parameter sharing (ω = 0) and full rank (ψ = 1) use compute best, "
                    + "whatever their ν."),
            List.of(scatter),
            List.of(table));
    return new Report(
        "einstruct taxonomy",
        "The built-ins and the θ grid at width " + width + ".",
        List.of(section),
        Map.of("width", width));
  }
}
