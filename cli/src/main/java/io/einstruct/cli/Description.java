package io.einstruct.cli;

import io.einstruct.dsl.count.Counts;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.mup.FactorMuP;
import io.einstruct.dsl.mup.MuP;
import io.einstruct.dsl.mup.Optimizer;
import io.einstruct.dsl.plan.ContractionPlan;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.taxonomy.Taxonomy;
import io.einstruct.taxonomy.rank.RankBound;
import java.util.List;

/**
 * Everything derived from one bound structure, as {@code einstruct describe} shows it.
 *
 * @param template the template that was bound
 * @param args the parameter values given
 * @param structure the bound structure
 * @param counts parameters and multiply-adds per input
 * @param mup the μP prescription of each factor, in chain order
 * @param plan the cheapest contraction order for the batch
 * @param taxonomy ω, ψ, ν and θ
 * @param rankBound the min-cut rank bound
 * @param cut the indices of a minimum cut
 */
record Description(
    Template template,
    Args args,
    Structure structure,
    Counts counts,
    List<FactorMuP> mup,
    ContractionPlan plan,
    Taxonomy taxonomy,
    long rankBound,
    List<String> cut) {

  static Description of(
      Template template, Args args, int batch, Optimizer optimizer, boolean residual) {
    Structure s = template.bind(args);
    return new Description(
        template,
        args,
        s,
        Counts.of(s),
        MuP.of(s, optimizer, residual),
        Planner.plan(s, batch),
        Taxonomy.of(template, args, s),
        RankBound.of(s),
        RankBound.cut(s));
  }
}
