package io.einstruct.dsl.plan;

import com.google.common.base.Preconditions;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.FactorFlow;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Structure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the contractions of a structure applied to a batch of inputs. {@link #chain} follows the
 * chain (x meets each factor in turn, which is also the order μP is defined on); {@link #plan}
 * finds the cheapest pairwise order, which for large factors and small batches may contract factors
 * with each other first. Every order computes the same result.
 */
public final class Planner {
  /** Name of the batch index in plans; not a valid DSL name, so it never clashes. */
  public static final String BATCH = "#n";

  /** Largest number of operands (factors plus x) planned exactly; greedy above. */
  public static final int EXACT_LIMIT = 10;

  private Planner() {}

  /** The chain order for {@code batch} inputs. */
  public static ContractionPlan chain(Structure s, int batch) {
    Preconditions.checkArgument(batch >= 1, "batch %s must be >= 1", batch);
    try {
      return chainOf(s, batch);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "structure '"
              + s.name()
              + "' is too large to count "
              + "in 64 bits for a batch of "
              + batch,
          e);
    }
  }

  private static ContractionPlan chainOf(Structure s, int batch) {
    Map<String, Long> sizes = sizes(s, batch);
    Map<String, Character> letters = Letters.assign(s);
    List<PlanStep> steps = new ArrayList<>();
    Operand current = new Operand("x", withBatch(s.xNames()));
    List<FactorFlow> flows = s.flows();
    List<String> sliced = s.slicedRoutes();
    for (FactorFlow flow : flows) {
      boolean last = flow.position() == flows.size() - 1;
      List<String> out = last ? withBatch(s.yNames()) : withBatch(flow.out());
      // an expert index of one factor stays in that factor's result, to be gated, and is summed
      // by the next step (or after the last)
      for (String e : sliced) {
        if (flow.factor().indexNames().contains(e)) {
          out.add(e);
        }
      }
      Operand factor = operand(flow.factor());
      Operand result = new Operand(last ? "y" : "t" + (steps.size() + 1), out);
      steps.add(step(current, factor, result, sizes, letters));
      current = result;
    }
    long macs = total(steps);
    return new ContractionPlan(s.name(), batch, true, steps, macs, macs, letters);
  }

  /**
   * The cheapest pairwise order for {@code batch} inputs. Routed structures keep the chain order,
   * since the gate multiplies the intermediate between two particular factors. When a routed index
   * lives in one factor alone, the chain's last result holds it besides y's indices, to be summed.
   */
  public static ContractionPlan plan(Structure s, int batch) {
    ContractionPlan chain = chain(s, batch);
    if (!s.routes().isEmpty()) {
      return chain;
    }
    List<Operand> operands = new ArrayList<>();
    operands.add(new Operand("x", withBatch(s.xNames())));
    s.chain().forEach(f -> operands.add(operand(f)));
    Map<String, Long> sizes = sizes(s, batch);
    List<String> output = withBatch(s.yNames());
    Tree tree =
        operands.size() <= EXACT_LIMIT
            ? Optimal.search(operands, output, sizes)
            : Greedy.search(operands, output, sizes);
    List<PlanStep> steps = new ArrayList<>();
    Map<String, Character> letters = Letters.assign(s);
    long macs;
    try {
      tree.emit(operands, output, sizes, letters, steps);
      macs = total(steps);
    } catch (ArithmeticException e) {
      return chain; // a greedy order can be worse than the chain, even beyond 64 bits
    }
    if (macs >= chain.macs()) {
      return chain;
    }
    return new ContractionPlan(s.name(), batch, false, steps, macs, chain.macs(), letters);
  }

  static PlanStep step(
      Operand left,
      Operand right,
      Operand result,
      Map<String, Long> sizes,
      Map<String, Character> letters) {
    Set<String> touched = new LinkedHashSet<>(left.indices());
    touched.addAll(right.indices());
    long macs = product(touched, sizes);
    String einsum =
        Letters.spell(left.indices(), letters)
            + ","
            + Letters.spell(right.indices(), letters)
            + "->"
            + Letters.spell(result.indices(), letters);
    return new PlanStep(left, right, result, einsum, macs, product(result.indices(), sizes));
  }

  static long product(Iterable<String> indices, Map<String, Long> sizes) {
    long n = 1;
    for (String i : indices) {
      n = Math.multiplyExact(n, sizes.get(i));
    }
    return n;
  }

  private static long total(List<PlanStep> steps) {
    long total = 0;
    for (PlanStep step : steps) {
      total = Math.addExact(total, step.macs());
    }
    return total;
  }

  private static Operand operand(Factor f) {
    return new Operand(f.name(), f.indexNames());
  }

  private static List<String> withBatch(List<String> indices) {
    List<String> out = new ArrayList<>();
    out.add(BATCH);
    out.addAll(indices);
    return out;
  }

  private static Map<String, Long> sizes(Structure s, int batch) {
    Map<String, Long> sizes = new HashMap<>();
    for (Index i : s.indices()) {
      sizes.put(i.name(), (long) i.size());
    }
    sizes.put(BATCH, (long) batch);
    return sizes;
  }

  /** Keeps the order of first appearance, so results are deterministic. */
  static List<String> ordered(List<String> first, List<String> second, Set<String> keep) {
    LinkedHashMap<String, Boolean> order = new LinkedHashMap<>();
    if (keep.contains(BATCH)) {
      order.put(BATCH, true);
    }
    for (String i : first) {
      if (keep.contains(i)) {
        order.put(i, true);
      }
    }
    for (String i : second) {
      if (keep.contains(i)) {
        order.put(i, true);
      }
    }
    return new ArrayList<>(order.keySet());
  }
}
