package io.einstruct.dsl.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A bound structured linear layer {@code y = W x} from {@code d_in} to {@code d_out}: every index
 * with its size, the index order of {@code x} and {@code y} (row-major reshapes of the vectors),
 * the learnable factors in chain order (the first meets {@code x} first), the routed indices and
 * whether padding is allowed.
 *
 * <p>Built only by the resolver, which checks every user-facing rule; the constructor checks the
 * invariants a programmer could break.
 *
 * @param name the structure's name
 * @param dIn the layer's input width
 * @param dOut the layer's output width
 * @param indices every index, in declaration order
 * @param x the input's indices, slowest first
 * @param y the output's indices, slowest first
 * @param chain the factors in chain order
 * @param routes the routed indices
 * @param padding whether x and y may differ from d_in and d_out (by up to 15%)
 */
public record Structure(
    String name,
    int dIn,
    int dOut,
    List<Index> indices,
    List<Index> x,
    List<Index> y,
    List<Factor> chain,
    List<Route> routes,
    boolean padding) {

  public Structure {
    Objects.requireNonNull(name, "name");
    indices = List.copyOf(indices);
    x = List.copyOf(x);
    y = List.copyOf(y);
    chain = List.copyOf(chain);
    routes = List.copyOf(routes);
    if (dIn < 1 || dOut < 1) {
      throw new IllegalArgumentException("d_in and d_out must be >= 1: " + dIn + ", " + dOut);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("structure '" + name + "' has no factor");
    }
    Set<Index> known = new HashSet<>(indices);
    List<Index> used = new ArrayList<>(x);
    used.addAll(y);
    chain.forEach(f -> used.addAll(f.indices()));
    for (Index index : used) {
      if (!known.contains(index)) {
        throw new IllegalArgumentException("index " + index + " is not among " + indices);
      }
    }
  }

  /** The size of index {@code name}. */
  public int size(String name) {
    return index(name).size();
  }

  /** The index called {@code name}. */
  public Index index(String name) {
    for (Index index : indices) {
      if (index.name().equals(name)) {
        return index;
      }
    }
    throw new IllegalArgumentException("no index '" + name + "' in " + this.name);
  }

  /** Index name to size, in declaration order. */
  public Map<String, Integer> sizes() {
    return indices.stream()
        .collect(Collectors.toMap(Index::name, Index::size, (a, b) -> a, LinkedHashMap::new));
  }

  /** The product of x's sizes: the width the factors read (d_in unless padded). */
  public long xSize() {
    return product(x);
  }

  /** The product of y's sizes: the width the factors write (d_out unless padded). */
  public long ySize() {
    return product(y);
  }

  /** The factor called {@code name}. */
  public Factor factor(String name) {
    return chain.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no factor '" + name + "' in " + this.name));
  }

  /** Total number of factor parameters (a router, if any, is counted elsewhere). */
  public long factorParams() {
    long total = 0;
    for (Factor factor : chain) {
      total = Math.addExact(total, factor.numel());
    }
    return total;
  }

  /** The route of index {@code index}, if it is routed. */
  public Optional<Route> route(String index) {
    return routes.stream().filter(r -> r.index().equals(index)).findFirst();
  }

  /** The names of x's indices, slowest first. */
  public List<String> xNames() {
    return x.stream().map(Index::name).toList();
  }

  /** The names of y's indices, slowest first. */
  public List<String> yNames() {
    return y.stream().map(Index::name).toList();
  }

  /**
   * One expert of routed index {@code index}: this structure with the index taken out of every
   * factor and of the routes, its factors being the slices of these at one value of the index.
   * Applying each expert to the inputs routed to it and summing the results weighted by their gates
   * computes what gating the whole structure computes, with k/E of its work.
   */
  public Structure expert(String index) {
    Index e = index(index);
    if (x.contains(e) || y.contains(e)) {
      throw new IllegalArgumentException("index " + index + " of x or y has no experts");
    }
    List<Index> kept = indices.stream().filter(i -> !i.equals(e)).toList();
    List<Factor> sliced = new ArrayList<>();
    for (Factor f : chain) {
      sliced.add(new Factor(f.name(), f.indices().stream().filter(i -> !i.equals(e)).toList()));
    }
    List<Route> others = routes.stream().filter(r -> !r.index().equals(index)).toList();
    return new Structure(name, dIn, dOut, kept, x, y, sliced, others, padding);
  }

  /**
   * The routed indices that live in one factor alone (not in x or y): each slice of that factor
   * along the index is one expert, as in {@code y[o] = W[e, o, i] * x[i]} with {@code route e top
   * k}, the per-layer dense mixture of einsum-search. The step that applies the factor keeps the
   * index, the gates weight it, and it is summed after.
   */
  public List<String> slicedRoutes() {
    List<String> sliced = new ArrayList<>();
    for (Route r : routes) {
      long holders = chain.stream().filter(f -> f.indexNames().contains(r.index())).count();
      if (holders == 1 && !xNames().contains(r.index()) && !yNames().contains(r.index())) {
        sliced.add(r.index());
      }
    }
    return sliced;
  }

  /**
   * How indices flow through each factor of the chain. An index leaves the running tensor as soon
   * as neither a later factor nor y needs it.
   */
  public List<FactorFlow> flows() {
    List<FactorFlow> flows = new ArrayList<>();
    List<String> in = xNames();
    for (int i = 0; i < chain.size(); i++) {
      Factor factor = chain.get(i);
      Set<String> later = new HashSet<>(yNames());
      chain.subList(i + 1, chain.size()).forEach(next -> later.addAll(next.indexNames()));
      Set<String> all = new LinkedHashSet<>(in);
      all.addAll(factor.indexNames());
      List<String> out = all.stream().filter(later::contains).toList();
      Set<String> inSet = Set.copyOf(in);
      Set<String> outSet = Set.copyOf(out);
      List<String> g = factor.indexNames();
      flows.add(
          new FactorFlow(
              factor,
              i,
              in,
              out,
              g.stream().filter(n -> inSet.contains(n) && !outSet.contains(n)).toList(),
              g.stream().filter(n -> outSet.contains(n) && !inSet.contains(n)).toList(),
              g.stream().filter(n -> inSet.contains(n) && outSet.contains(n)).toList(),
              in.stream().filter(n -> outSet.contains(n) && !g.contains(n)).toList()));
      in = out;
    }
    return flows;
  }

  /**
   * The equation as it would be written, e.g. {@code y[a, b] = L[a, b, c, r] * R[r, b, c, d] * x[c,
   * d]}.
   */
  public String equation() {
    StringBuilder out = new StringBuilder("y").append(list(yNames())).append(" =");
    for (int i = chain.size() - 1; i >= 0; i--) {
      out.append(' ')
          .append(chain.get(i).name())
          .append(list(chain.get(i).indexNames()))
          .append(" *");
    }
    return out.append(" x").append(list(xNames())).toString();
  }

  private static String list(List<String> names) {
    return "[" + String.join(", ", names) + "]";
  }

  private static long product(List<Index> indices) {
    long n = 1;
    for (Index index : indices) {
      n = Math.multiplyExact(n, index.size());
    }
    return n;
  }
}
