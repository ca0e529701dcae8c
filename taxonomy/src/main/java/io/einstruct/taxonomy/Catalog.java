package io.einstruct.taxonomy;

import io.einstruct.dsl.Diagnostic;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.count.Counts;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.taxonomy.theta.Theta;
import io.einstruct.taxonomy.theta.ThetaGrid;
import io.einstruct.taxonomy.theta.ThetaSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-ins (default parameters) and the θ grid, with their taxonomy at one square width. */
public final class Catalog {
  private Catalog() {}

  /** Every built-in and every point of the standard θ grid at {@code width} = d_in = d_out. */
  public static List<CatalogEntry> of(Library library, int width) {
    List<CatalogEntry> entries = new ArrayList<>();
    Args args = Args.of(Map.of("d_in", width, "d_out", width));
    for (Template t : library.builtInTemplates()) {
      entries.add(entry(t.name(), true, t, args, Optional.empty()));
    }
    for (Theta theta : ThetaGrid.standard()) {
      Template t = ThetaSpace.template(theta, width, width);
      entries.add(entry(theta.pretty(), false, t, Args.none(), Optional.of(theta)));
    }
    return entries;
  }

  private static CatalogEntry entry(
      String name, boolean builtIn, Template t, Args args, Optional<Theta> theta) {
    Structure s;
    try {
      s = t.bind(args);
    } catch (EinError e) {
      Taxonomy measured =
          theta
              .map(th -> new Taxonomy(th.omega(), th.psi(), th.nu(), theta))
              .orElse(new Taxonomy(Double.NaN, Double.NaN, Double.NaN, theta));
      String why = e.diagnostic().map(Diagnostic::message).orElse(e.getMessage());
      return new CatalogEntry(name, builtIn, theta, measured, -1, -1, why);
    }
    Taxonomy tax = Taxonomy.of(t, args, s);
    Counts c = Counts.of(s);
    return new CatalogEntry(name, builtIn, theta.or(tax::theta), tax, c.params(), c.macs(), "");
  }
}
