package io.einstruct.dsl.resolve;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.FactorFlow;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Route;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.syntax.EquationStmt;
import io.einstruct.dsl.syntax.Name;
import io.einstruct.dsl.syntax.RouteStmt;
import io.einstruct.dsl.syntax.TensorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks on the one equation of a structure: the roles of x and y, declared and used indices,
 * factors, and routed indices. Lives inside one resolution.
 */
final class Equation {
  private final Source source;
  private final Scope scope;
  private final Map<String, Span> indexDeclared;
  private final EquationStmt eq;
  private final List<TensorRef> factors = new ArrayList<>();
  private TensorRef x;
  private final Set<String> routed;

  /**
   * @param routed the indices a {@code route} statement names: one of them may live in a single
   *     factor, whose slices along it are the experts
   */
  Equation(
      Source source,
      Scope scope,
      Map<String, Span> indexDeclared,
      EquationStmt eq,
      Set<String> routed) {
    this.source = source;
    this.scope = scope;
    this.indexDeclared = indexDeclared;
    this.eq = eq;
    this.routed = Set.copyOf(routed);
  }

  void check(Map<String, Index> byName) {
    TensorRef left = eq.left();
    if (!left.name().text().equals("y")) {
      throw error(
          left.name().span(),
          "the left side must be the output y, found '" + left.name().text() + "'");
    }
    roles();
    List<TensorRef> all = new ArrayList<>();
    all.add(left);
    all.addAll(eq.right());
    for (TensorRef tensor : all) {
      indices(tensor);
    }
    distinctFactors();
    usage();
  }

  private void roles() {
    List<TensorRef> right = eq.right();
    for (int i = 0; i < right.size(); i++) {
      TensorRef t = right.get(i);
      String name = t.name().text();
      if (name.equals("y")) {
        throw error(t.name().span(), "the output y cannot appear on the right side");
      }
      if (name.equals("x")) {
        if (i != right.size() - 1) {
          throw error(
              t.name().span(),
              "x must be the last tensor on the right: the chain is "
                  + "read right to left, starting from the input");
        }
        x = t;
      } else {
        factors.add(t);
      }
    }
    TensorRef last = right.get(right.size() - 1);
    if (x == null) {
      throw error(
          last.span().to(last.span()),
          "the right side must end with the input x, as in " + "'y[o] = W[o, i] * x[i]'");
    }
    if (factors.isEmpty()) {
      throw error(x.span(), "the equation needs at least one learnable factor before x");
    }
  }

  private void indices(TensorRef tensor) {
    String what = tensor.name().text();
    if (tensor.indices().isEmpty()) {
      throw error(tensor.span(), "'" + what + "' needs at least one index");
    }
    Map<String, Span> seen = new HashMap<>();
    for (Name index : tensor.indices()) {
      if (!indexDeclared.containsKey(index.text())) {
        undeclared(index);
      }
      Span earlier = seen.put(index.text(), index.span());
      if (earlier != null) {
        throw error(
            index.span(),
            "index '"
                + index.text()
                + "' appears twice in "
                + what
                + "; an index may appear once per tensor");
      }
    }
  }

  private void undeclared(Name index) {
    List<String> declared = new ArrayList<>(indexDeclared.keySet());
    var binding = scope.find(index.text());
    if (binding.isPresent()) {
      throw error(
          index.span(),
          "'"
              + index.text()
              + "' is a "
              + binding.get().kind().shown
              + ", not an index; declare one with 'dim NAME = "
              + index.text()
              + "'",
          declared);
    }
    throw error(
        index.span(),
        "index '"
            + index.text()
            + "' is not declared;"
            + Suggestions.didYouMean(index.text(), declared)
            + " declared: "
            + Suggestions.list(declared),
        declared);
  }

  private void distinctFactors() {
    Map<String, TensorRef> seen = new HashMap<>();
    for (TensorRef f : factors) {
      TensorRef earlier = seen.put(f.name().text(), f);
      if (earlier == null) {
        continue;
      }
      List<String> a = names(earlier);
      List<String> b = names(f);
      if (!a.equals(b)) {
        throw error(
            f.span(),
            "factor '"
                + f.name().text()
                + "' is used with indices "
                + b
                + " here but "
                + a
                + " at "
                + earlier.span().position()
                + "; a factor has one index list");
      }
      throw error(
          f.span(),
          "factor '"
              + f.name().text()
              + "' appears twice (first at "
              + earlier.span().position()
              + "); each factor appears once, so the layer stays "
              + "linear in each factor");
    }
  }

  private void usage() {
    Map<String, List<String>> where = new LinkedHashMap<>();
    Map<String, Span> firstUse = new HashMap<>();
    List<TensorRef> right = new ArrayList<>(factors);
    right.add(x);
    for (TensorRef t : right) {
      for (Name index : t.indices()) {
        where.computeIfAbsent(index.text(), k -> new ArrayList<>()).add(t.name().text());
        firstUse.putIfAbsent(index.text(), index.span());
      }
    }
    for (Name index : eq.left().indices()) {
      if (!where.containsKey(index.text())) {
        throw error(
            index.span(),
            "index '"
                + index.text()
                + "' of y appears in no tensor on "
                + "the right, so y would not depend on it");
      }
    }
    Set<String> inY = new HashSet<>(names(eq.left()));
    for (Map.Entry<String, List<String>> e : where.entrySet()) {
      List<String> tensors = e.getValue();
      if (tensors.size() == 1
          && !tensors.get(0).equals("x")
          && !inY.contains(e.getKey())
          && !routed.contains(e.getKey())) {
        throw error(
            firstUse.get(e.getKey()),
            "index '"
                + e.getKey()
                + "' appears only in '"
                + tensors.get(0)
                + "', which would just be summed over it; use it in another tensor "
                + "or drop it");
      }
    }
    for (Map.Entry<String, Span> declared : indexDeclared.entrySet()) {
      if (!where.containsKey(declared.getKey()) && !inY.contains(declared.getKey())) {
        throw error(
            declared.getValue(),
            "index '"
                + declared.getKey()
                + "' is declared but "
                + "not used in the equation; use 'let' for a plain value");
      }
    }
  }

  TensorRef x() {
    return x;
  }

  List<Index> xIndices(Map<String, Index> byName) {
    return x.indices().stream().map(n -> byName.get(n.text())).toList();
  }

  List<Index> yIndices(Map<String, Index> byName) {
    return eq.left().indices().stream().map(n -> byName.get(n.text())).toList();
  }

  /** The factors in chain order: the one written next to x first. */
  List<Factor> chain(Map<String, Index> byName) {
    List<Factor> chain = new ArrayList<>();
    for (int i = factors.size() - 1; i >= 0; i--) {
      TensorRef f = factors.get(i);
      chain.add(
          new Factor(
              f.name().text(), f.indices().stream().map(n -> byName.get(n.text())).toList()));
    }
    return chain;
  }

  Route route(RouteStmt stmt, Evaluator evaluator, List<Route> earlier) {
    String index = stmt.index().text();
    if (!indexDeclared.containsKey(index)) {
      undeclared(stmt.index());
    }
    if (earlier.stream().anyMatch(r -> r.index().equals(index))) {
      throw error(stmt.index().span(), "index '" + index + "' is already routed");
    }
    List<Integer> holders = new ArrayList<>();
    List<TensorRef> chainOrder = new ArrayList<>(factors);
    java.util.Collections.reverse(chainOrder);
    for (int i = 0; i < chainOrder.size(); i++) {
      if (names(chainOrder.get(i)).contains(index)) {
        holders.add(i);
      }
    }
    boolean inXorY = names(x).contains(index) || names(eq.left()).contains(index);
    boolean bond = holders.size() == 2 && holders.get(1) - holders.get(0) == 1;
    if (inXorY || !(bond || holders.size() == 1)) {
      throw error(
          stmt.index().span(),
          "routed index '"
              + index
              + "' must be a bond between two consecutive factors of the chain (in exactly "
              + "those two) or live in one factor (whose slices are the experts), not in x or y");
    }
    int experts = (int) scope.find(index).orElseThrow().value().value();
    Value top = evaluator.eval(stmt.top());
    if (!top.isWhole() || top.value() < 1 || top.value() > experts) {
      throw error(
          stmt.top().span(),
          "top must be an integer from 1 to "
              + experts
              + " (the size of '"
              + index
              + "'), got "
              + top);
    }
    return new Route(index, experts, (int) top.value());
  }

  /** Rejects a structure whose parameter or MAC counts would not fit in 64 bits. */
  void checkCountable(Structure structure) {
    try {
      for (Factor f : structure.chain()) {
        f.numel();
      }
      structure.factorParams();
      for (FactorFlow flow : structure.flows()) {
        Set<String> touched = new HashSet<>(flow.in());
        touched.addAll(flow.factor().indexNames());
        long step = 1;
        for (String i : touched) {
          step = Math.multiplyExact(step, structure.size(i));
        }
      }
    } catch (ArithmeticException e) {
      throw error(
          eq.span(),
          "this structure is too large to count: its parameters or "
              + "multiply-adds overflow 64 bits");
    }
  }

  private static List<String> names(TensorRef t) {
    return t.indices().stream().map(Name::text).toList();
  }

  private EinError error(Span span, String message) {
    return EinError.at(source, span, message);
  }

  private EinError error(Span span, String message, List<String> expected) {
    return EinError.at(source, span, message, expected);
  }
}
