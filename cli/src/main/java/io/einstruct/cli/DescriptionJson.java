package io.einstruct.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.mup.FactorMuP;
import io.einstruct.dsl.plan.PlanStep;
import io.einstruct.taxonomy.theta.Theta;
import io.einstruct.taxonomy.theta.ThetaClass;

/**
 * {@code describe --format json}: exactly the fields {@code structure, d_in, d_out, params, macs,
 * factors, plan, taxonomy, rank_bound}. {@code macs} is per input vector; each plan step's {@code
 * macs} is for the whole batch.
 */
final class DescriptionJson {
  private DescriptionJson() {}

  static ObjectNode of(Description d, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("structure", d.structure().name());
    root.put("d_in", d.structure().dIn());
    root.put("d_out", d.structure().dOut());
    root.put("params", d.counts().params());
    root.put("macs", d.counts().macs());
    ArrayNode factors = root.putArray("factors");
    for (FactorMuP m : d.mup()) {
      Factor f = d.structure().factor(m.factor());
      ObjectNode node = factors.addObject();
      node.put("name", f.name());
      ArrayNode indices = node.putArray("indices");
      f.indexNames().forEach(indices::add);
      ArrayNode shape = node.putArray("shape");
      for (int size : f.shape()) {
        shape.add(size);
      }
      node.put("params", f.numel());
      node.put("fan_in", m.fanIn());
      node.put("fan_out", m.fanOut());
      node.put("init_std", m.initStd());
      node.put("lr_mult", m.lrMult());
      node.put("zero_init", m.zeroInit());
    }
    ArrayNode plan = root.putArray("plan");
    for (PlanStep step : d.plan().steps()) {
      ObjectNode node = plan.addObject();
      node.put("einsum", step.einsum());
      node.put("macs", step.macs());
    }
    ObjectNode taxonomy = root.putObject("taxonomy");
    number(taxonomy, "omega", d.taxonomy().omega());
    number(taxonomy, "psi", d.taxonomy().psi());
    number(taxonomy, "nu", d.taxonomy().nu());
    if (d.taxonomy().theta().isPresent()) {
      Theta theta = d.taxonomy().theta().get();
      ObjectNode node = taxonomy.putObject("theta");
      for (ThetaClass c : ThetaClass.values()) {
        node.put(c.word(), theta.get(c));
      }
    } else {
      taxonomy.putNull("theta");
    }
    root.put("rank_bound", d.rankBound());
    return root;
  }

  private static void number(ObjectNode node, String name, double v) {
    if (Double.isNaN(v)) {
      node.putNull(name);
    } else {
      node.put(name, v);
    }
  }
}
