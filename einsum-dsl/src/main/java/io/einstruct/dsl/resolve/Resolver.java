package io.einstruct.dsl.resolve;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Route;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.syntax.Call;
import io.einstruct.dsl.syntax.DimStmt;
import io.einstruct.dsl.syntax.DimsStmt;
import io.einstruct.dsl.syntax.EquationStmt;
import io.einstruct.dsl.syntax.Expr;
import io.einstruct.dsl.syntax.LetStmt;
import io.einstruct.dsl.syntax.Name;
import io.einstruct.dsl.syntax.PaddingStmt;
import io.einstruct.dsl.syntax.Param;
import io.einstruct.dsl.syntax.RouteStmt;
import io.einstruct.dsl.syntax.Stmt;
import io.einstruct.dsl.syntax.StructureDecl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a structure declaration to parameter values: evaluates every size, checks every rule of the
 * language, and returns an immutable {@link Structure}. Every way a source or an argument can be
 * wrong ends here as an {@link EinError} with a position; nothing else escapes.
 */
public final class Resolver {
  /** How far (relative) x and y may be from d_in and d_out under {@code allow padding}. */
  public static final double PADDING_TOLERANCE = 0.15;

  /** Most factors {@code split} will produce. */
  public static final int MAX_SPLIT = 16;

  /**
   * Most factors a structure may have: far beyond any structure of the papers (BTT-3 has 3), and
   * small enough that planning its contraction takes a moment.
   */
  public static final int MAX_FACTORS = 32;

  /** Most indices a structure may declare: each needs its own einsum letter, as does the batch. */
  public static final int MAX_INDICES = 50;

  private final StructureDecl decl;
  private final Args args;
  private final Source source;
  private final Scope scope;
  private final Evaluator evaluator;
  private final Map<String, Span> indexDeclared = new LinkedHashMap<>();
  private final List<Index> indices = new ArrayList<>();
  private final List<RouteStmt> routes = new ArrayList<>();
  private EquationStmt equation;
  private boolean padding;

  private Resolver(StructureDecl decl, Args args) {
    this.decl = decl;
    this.args = args;
    this.source = decl.source();
    this.scope = new Scope(source);
    this.evaluator = new Evaluator(source, scope);
  }

  /** Binds {@code decl} to {@code args}; throws {@link EinError} if either is wrong. */
  public static Structure resolve(StructureDecl decl, Args args) {
    return new Resolver(decl, args).run();
  }

  /**
   * The value of every parameter of {@code decl} under {@code args}, defaults included, in
   * declaration order; throws {@link EinError} like {@link #resolve}.
   */
  public static Map<String, Value> parameters(StructureDecl decl, Args args) {
    Resolver r = new Resolver(decl, args);
    r.bindParameters();
    Map<String, Value> values = new LinkedHashMap<>();
    for (Param p : decl.params()) {
      values.put(p.name().text(), r.scope.find(p.name().text()).orElseThrow().value());
    }
    return values;
  }

  /** Rejects a value for a parameter {@code decl} does not have, pointing at where it was given. */
  public static void checkNames(StructureDecl decl, Args args) {
    List<String> names = decl.params().stream().map(p -> p.name().text()).toList();
    for (Map.Entry<String, Span> given : args.spans().entrySet()) {
      if (!names.contains(given.getKey())) {
        throw EinError.at(
            args.source(),
            given.getValue(),
            "structure '"
                + decl.name().text()
                + "' has no parameter '"
                + given.getKey()
                + "';"
                + Suggestions.didYouMean(given.getKey(), names)
                + " parameters: "
                + Suggestions.list(names),
            names);
      }
    }
  }

  private Structure run() {
    bindParameters();
    int dIn = width("d_in");
    int dOut = width("d_out");
    for (Stmt stmt : decl.body()) {
      statement(stmt);
    }
    if (equation == null) {
      throw EinError.at(
          source,
          decl.name().span(),
          "structure '"
              + decl.name().text()
              + "' has no equation; expected a line like 'y[o] = W[o, i] * x[i]'");
    }
    Equation checked =
        new Equation(
            source,
            scope,
            indexDeclared,
            equation,
            routes.stream()
                .map(r -> r.index().text())
                .collect(java.util.stream.Collectors.toSet()));
    Map<String, Index> byName = new LinkedHashMap<>();
    indices.forEach(i -> byName.put(i.name(), i));
    checked.check(byName);
    checkWidth(checked.xIndices(byName), dIn, "x", "d_in", checked.x().span());
    checkWidth(checked.yIndices(byName), dOut, "y", "d_out", equation.left().span());
    List<Route> bound = new ArrayList<>();
    for (RouteStmt route : routes) {
      bound.add(checked.route(route, evaluator, bound));
    }
    Structure structure =
        new Structure(
            decl.name().text(),
            dIn,
            dOut,
            indices,
            checked.xIndices(byName),
            checked.yIndices(byName),
            checked.chain(byName),
            bound,
            padding);
    checked.checkCountable(structure);
    return structure;
  }

  private void bindParameters() {
    checkNames(decl, args);
    for (Param param : decl.params()) {
      Name name = param.name();
      Value value = args.values().get(name.text());
      if (value == null) {
        if (param.defaultValue().isEmpty()) {
          throw EinError.at(
              source,
              name.span(),
              "missing parameter value: '"
                  + name.text()
                  + "' has no default, so it must be given (e.g. -p "
                  + name.text()
                  + "=...)");
        }
        value = evaluator.eval(param.defaultValue().get());
      }
      scope.define(name, Scope.Kind.PARAMETER, value);
    }
  }

  private int width(String name) {
    if (scope.find(name).isEmpty()) {
      throw EinError.at(
          source,
          decl.name().span(),
          "structure '"
              + decl.name().text()
              + "' must have the parameter '"
              + name
              + "' (its input width d_in and output width d_out)");
    }
    Value value = scope.find(name).get().value();
    Span span = args.spans().get(name);
    Source where = span != null ? args.source() : source;
    if (span == null) {
      Param param =
          decl.params().stream()
              .filter(p -> p.name().text().equals(name))
              .findFirst()
              .orElseThrow();
      span = param.defaultValue().map(Expr::span).orElse(param.name().span());
    }
    return positiveInt(value, where, span, name);
  }

  private void statement(Stmt stmt) {
    if (stmt instanceof DimStmt dim) {
      int size =
          positiveInt(
              evaluator.eval(dim.size()),
              source,
              dim.size().span(),
              "the size of index '" + dim.name().text() + "'");
      declareIndex(dim.name(), size);
    } else if (stmt instanceof DimsStmt dims) {
      int[] sizes = split(dims);
      for (int i = 0; i < sizes.length; i++) {
        declareIndex(dims.names().get(i), sizes[i]);
      }
    } else if (stmt instanceof LetStmt let) {
      scope.define(let.name(), Scope.Kind.VALUE, evaluator.eval(let.value()));
    } else if (stmt instanceof RouteStmt route) {
      routes.add(route);
    } else if (stmt instanceof PaddingStmt) {
      padding = true;
    } else if (stmt instanceof EquationStmt eq) {
      if (equation != null) {
        throw EinError.at(
            source,
            eq.left().span(),
            "a structure has exactly one equation; "
                + "the first is at "
                + equation.span().position());
      }
      // x is one operand; the rest are factors
      if (eq.right().size() - 1 > MAX_FACTORS) {
        throw EinError.at(
            source,
            eq.right().get(MAX_FACTORS + 1).span(),
            "a structure may have at most "
                + MAX_FACTORS
                + " factors (planning a contraction grows with their number), got "
                + (eq.right().size() - 1));
      }
      equation = eq;
    } else {
      throw new AssertionError(stmt);
    }
  }

  private int[] split(DimsStmt dims) {
    if (!(dims.value() instanceof Call call) || !call.function().text().equals("split")) {
      throw EinError.at(
          source,
          dims.value().span(),
          "the right side of 'dims' must be "
              + "split(n) or split(n, k), which gives the sizes of the "
              + dims.names().size()
              + " indices");
    }
    evaluator.arity(call, 1, 2);
    int count = dims.names().size();
    if (count > MAX_SPLIT) {
      throw EinError.at(
          source,
          dims.names().get(MAX_SPLIT).span(),
          "split gives at most " + MAX_SPLIT + " sizes");
    }
    int n =
        positiveInt(
            evaluator.eval(call.args().get(0)),
            source,
            call.args().get(0).span(),
            "the value to split");
    if (call.args().size() == 2) {
      Expr kExpr = call.args().get(1);
      Value k = evaluator.eval(kExpr);
      if (!k.isWhole() || k.value() != count) {
        throw EinError.at(
            source,
            kExpr.span(),
            "split(..., "
                + k
                + ") must give one size per "
                + "name, and 'dims' declares "
                + count
                + " names");
      }
    }
    return Splits.split(n, count);
  }

  private void declareIndex(Name name, int size) {
    if (indices.size() == MAX_INDICES) {
      throw EinError.at(
          source, name.span(), "a structure may declare at most " + MAX_INDICES + " indices");
    }
    scope.define(name, Scope.Kind.INDEX, Value.of(size));
    indexDeclared.put(name.text(), name.span());
    indices.add(new Index(name.text(), size));
  }

  private void checkWidth(List<Index> tensor, int width, String t, String w, Span span) {
    long product = 1;
    for (Index index : tensor) {
      product = product > Long.MAX_VALUE / index.size() ? Long.MAX_VALUE : product * index.size();
    }
    if (product == width) {
      return;
    }
    String sizes = String.join(" × ", tensor.stream().map(i -> "" + i.size()).toList());
    if (!padding) {
      throw EinError.at(
          source,
          span,
          t
              + " has "
              + sizes
              + " = "
              + product
              + " entries but "
              + w
              + " = "
              + width
              + "; make the sizes multiply to "
              + w
              + ", or add 'allow padding' to pad or truncate by up to 15%");
    }
    double off = Math.abs(product - width) / (double) width;
    if (off > PADDING_TOLERANCE) {
      throw EinError.at(
          source,
          span,
          String.format(
              "%s has %s = %d entries, %.1f%% away from %s = %d; 'allow padding' accepts up to 15%%",
              t, sizes, product, 100 * off, w, width));
    }
  }

  /** A positive integer that fits an int, or an error at {@code span} naming {@code what}. */
  static int positiveInt(Value value, Source where, Span span, String what) {
    if (!value.isWhole() || value.value() < 1) {
      throw EinError.at(
          where,
          span,
          what
              + " must be a positive integer, got "
              + value
              + (value.isWhole() ? "" : " (round it with round(), floor() or ceil())"));
    }
    if (value.value() > Integer.MAX_VALUE) {
      throw EinError.at(where, span, what + " is too large: " + value + " > " + Integer.MAX_VALUE);
    }
    return (int) value.value();
  }
}
