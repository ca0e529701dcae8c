package io.einstruct.taxonomy.rank;

import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Structure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.alg.flow.EdmondsKarpMFImpl;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * An upper bound on the rank of a structure's matrix: the cheapest set of indices whose removal
 * separates x from y in the factor network, priced at the product of their sizes (a matrix that
 * factors through a tensor of n entries has rank at most n). For generic factor values the bound is
 * the rank.
 *
 * <p>Solved as a minimum vertex cut: each index becomes an edge of capacity log(size), each tensor
 * a vertex joined to its indices by uncuttable edges, and the maximum flow from x to y (JGraphT's
 * Edmonds-Karp) finds the cut. The bound is also capped by d_in and d_out, which padding or
 * truncation can impose.
 */
public final class RankBound {
  private static final double UNCUTTABLE = 1e9;

  private RankBound() {}

  /** The minimum-cut rank bound of {@code s}. */
  public static long of(Structure s) {
    return Math.min(minCut(s), Math.min(s.dIn(), s.dOut()));
  }

  /** The indices of a minimum cut between x and y, pricing each index at log(size). */
  public static List<String> cut(Structure s) {
    Map<String, Double> capacity = new HashMap<>();
    s.indices().forEach(i -> capacity.put(i.name(), Math.log(i.size())));
    return cut(s, capacity);
  }

  /**
   * The exponent of the rank as d grows, when each index's size grows as d to the given exponent:
   * the minimum over cuts of the summed exponents.
   */
  public static double exponent(Structure s, Map<String, Double> exponents) {
    double sum = 0;
    for (String index : cut(s, exponents)) {
      sum += Math.max(0, exponents.get(index));
    }
    return sum;
  }

  /** The indices of a minimum cut between x and y with the given index capacities. */
  public static List<String> cut(Structure s, Map<String, Double> capacity) {
    DefaultDirectedWeightedGraph<String, DefaultWeightedEdge> g =
        new DefaultDirectedWeightedGraph<>(DefaultWeightedEdge.class);
    g.addVertex("x");
    g.addVertex("y");
    for (Index index : s.indices()) {
      g.addVertex(in(index));
      g.addVertex(out(index));
      edge(g, in(index), out(index), Math.max(0, capacity.get(index.name())));
    }
    for (Index index : s.x()) {
      edge(g, "x", in(index), UNCUTTABLE);
    }
    for (Index index : s.y()) {
      edge(g, out(index), "y", UNCUTTABLE);
    }
    for (Factor f : s.chain()) {
      String vertex = "factor " + f.name();
      g.addVertex(vertex);
      for (Index index : f.indices()) {
        edge(g, out(index), vertex, UNCUTTABLE);
        edge(g, vertex, in(index), UNCUTTABLE);
      }
    }
    EdmondsKarpMFImpl<String, DefaultWeightedEdge> flow = new EdmondsKarpMFImpl<>(g);
    flow.calculateMinCut("x", "y");
    Set<String> sourceSide = flow.getSourcePartition();
    return s.indices().stream()
        .filter(i -> sourceSide.contains(in(i)) && !sourceSide.contains(out(i)))
        .map(Index::name)
        .toList();
  }

  private static long minCut(Structure s) {
    long product = 1;
    for (String index : cut(s)) {
      product = Math.multiplyExact(product, s.size(index));
    }
    return product;
  }

  private static void edge(
      DefaultDirectedWeightedGraph<String, DefaultWeightedEdge> g,
      String from,
      String to,
      double capacity) {
    DefaultWeightedEdge e = g.addEdge(from, to);
    if (e != null) {
      g.setEdgeWeight(e, capacity);
    }
  }

  private static String in(Index index) {
    return "index " + index.name() + " in";
  }

  private static String out(Index index) {
    return "index " + index.name() + " out";
  }
}
