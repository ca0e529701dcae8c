package io.einstruct.cli;

import io.einstruct.dsl.count.Counts;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Route;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.mup.FactorMuP;
import io.einstruct.dsl.plan.ContractionPlan;
import io.einstruct.dsl.plan.PlanStep;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Resolver;
import io.einstruct.taxonomy.Taxonomy;
import io.einstruct.taxonomy.theta.Fractions;
import java.util.List;
import java.util.stream.Collectors;

/** {@code describe}'s human-readable output. */
final class DescriptionText {
  private DescriptionText() {}

  static String of(Description d) {
    Structure s = d.structure();
    StringBuilder out = new StringBuilder();
    out.append(s.name())
        .append('(')
        .append(
            Resolver.parameters(d.template().decl(), d.args()).entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", ")))
        .append(")");
    if (!d.template().doc().isEmpty()) {
      out.append("  ").append(d.template().doc());
    }
    out.append("\n  ").append(s.equation()).append('\n');
    out.append("  indices: ")
        .append(s.indices().stream().map(Index::toString).collect(Collectors.joining(" ")))
        .append('\n');
    if (s.padding()) {
      out.append("  padding: x has ")
          .append(s.xSize())
          .append(" entries for d_in ")
          .append(s.dIn())
          .append(", y has ")
          .append(s.ySize())
          .append(" for d_out ")
          .append(s.dOut())
          .append('\n');
    }
    for (Route r : s.routes()) {
      out.append("  routed: ")
          .append(r.index())
          .append(" — top ")
          .append(r.top())
          .append(" of ")
          .append(r.experts())
          .append(" experts per input\n");
    }
    out.append('\n').append(factors(d)).append('\n').append(plan(d.plan())).append('\n');
    out.append(totals(s, d.counts())).append('\n').append(taxonomy(d)).append('\n').append(rank(d));
    return out.toString();
  }

  private static String factors(Description d) {
    TextTable table =
        new TextTable(
            "factor",
            "indices",
            "shape",
            ">params",
            ">fan-in",
            ">fan-out",
            ">init std",
            ">lr mult",
            "zero-init");
    for (FactorMuP m : d.mup()) {
      Factor f = d.structure().factor(m.factor());
      String shape = f.indices().stream().map(i -> "" + i.size()).collect(Collectors.joining("×"));
      table.row(
          f.name(),
          f.indexNames(),
          shape,
          Numbers.count(f.numel()),
          Numbers.count(m.fanIn()),
          Numbers.count(m.fanOut()),
          Numbers.real(m.initStd(), 4),
          Numbers.real(m.lrMult(), 4),
          m.zeroInit() ? "yes" : "no");
    }
    return "factors, in chain order (μP for Adam: lr = base lr · d0/d_in · lr mult)\n"
        + table.render("  ");
  }

  private static String plan(ContractionPlan plan) {
    StringBuilder out = new StringBuilder("plan for a batch of " + Numbers.count(plan.batch()));
    out.append(
        plan.chainOrder()
            ? " (chain order)\n"
            : " (planned order, "
                + Numbers.times(plan.speedupOverChain())
                + " cheaper than the chain)\n");
    TextTable table = new TextTable(">step", "einsum", "operands", ">MACs", "result", ">size");
    int n = 1;
    for (PlanStep step : plan.steps()) {
      table.row(
          n++,
          step.einsum(),
          step.left().name() + " · " + step.right().name(),
          Numbers.count(step.macs()),
          step.result().name() + " " + shown(step.result().indices()),
          Numbers.count(step.resultSize()));
    }
    out.append(table.render("  "));
    out.append("  total ")
        .append(Numbers.count(plan.macs()))
        .append(" MACs, ")
        .append(Numbers.perInput(plan.macs(), plan.batch()))
        .append(" per input");
    if (!plan.chainOrder()) {
      out.append(" (chain order: ")
          .append(Numbers.perInput(plan.chainMacs(), plan.batch()))
          .append(" per input)");
    }
    return out.append('\n').toString();
  }

  private static String shown(List<String> indices) {
    return "["
        + indices.stream()
            .map(i -> i.equals(Planner.BATCH) ? "n" : i)
            .collect(Collectors.joining(", "))
        + "]";
  }

  private static String totals(Structure s, Counts c) {
    long dense = (long) s.dIn() * s.dOut();
    StringBuilder out = new StringBuilder("totals\n");
    out.append("  params      ")
        .append(Numbers.count(c.params()))
        .append("  (dense: ")
        .append(Numbers.count(dense))
        .append(", ")
        .append(relative((double) dense / c.params()))
        .append(")\n");
    out.append("  MACs/input  ")
        .append(Numbers.count(c.macs()))
        .append("  (dense: ")
        .append(relative((double) dense / c.macs()))
        .append(")");
    if (c.routerParams() > 0) {
      out.append("; router ")
          .append(Numbers.count(c.routerMacs()))
          .append(" MACs, ")
          .append(Numbers.count(c.denseMacs()))
          .append(" with every expert");
    }
    return out.append('\n').toString();
  }

  private static String taxonomy(Description d) {
    Taxonomy t = d.taxonomy();
    StringBuilder out = new StringBuilder("taxonomy\n  ");
    if (t.known()) {
      out.append("ω = ")
          .append(Fractions.pretty(t.omega()))
          .append("  (parameter sharing)   ψ = ")
          .append(Fractions.pretty(t.psi()))
          .append("  (rank exponent)   ν = ")
          .append(Fractions.pretty(t.nu()))
          .append("  (compute intensity)\n");
    } else {
      out.append("ω, ψ, ν unknown: the structure does not scale with d_in = d_out\n");
    }
    t.theta()
        .ifPresent(
            theta -> out.append("  θ = ").append(theta.pretty()).append("  (α|β|γ|δ|ε|φ|ρ)\n"));
    return out.toString();
  }

  private static String rank(Description d) {
    Structure s = d.structure();
    long full = Math.min(s.dIn(), s.dOut());
    return "rank bound\n  "
        + Numbers.count(d.rankBound())
        + " of "
        + Numbers.count(full)
        + (d.rankBound() == full ? " (full rank)" : "")
        + "; minimum cut at "
        + (d.cut().isEmpty() ? "nothing" : String.join(", ", d.cut()))
        + "\n";
  }

  /**
   * "16× more" when dense is bigger, "8× fewer" when the structure is (a mixture, say), "as many"
   * when the ratio would print as 1×; never a ratio below one with "more".
   */
  private static String relative(double denseOverStructure) {
    if (Math.abs(denseOverStructure - 1) < 0.0005) {
      return "as many";
    }
    return denseOverStructure >= 1
        ? Numbers.times(denseOverStructure) + " more"
        : Numbers.times(1 / denseOverStructure) + " fewer";
  }
}
