package io.einstruct.taxonomy;

import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Splits;
import io.einstruct.dsl.resolve.Value;
import io.einstruct.dsl.syntax.Binary;
import io.einstruct.dsl.syntax.Call;
import io.einstruct.dsl.syntax.DimStmt;
import io.einstruct.dsl.syntax.DimsStmt;
import io.einstruct.dsl.syntax.Expr;
import io.einstruct.dsl.syntax.LetStmt;
import io.einstruct.dsl.syntax.Neg;
import io.einstruct.dsl.syntax.Num;
import io.einstruct.dsl.syntax.Param;
import io.einstruct.dsl.syntax.Ref;
import io.einstruct.dsl.syntax.Stmt;
import io.einstruct.dsl.syntax.StructureDecl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exponent e of every index size, size ~ d^e as d_in = d_out = d grows, read off the
 * declaration's expressions rather than measured: {@code round(d_in ^ 0.1)} is d^0.1 exactly, where
 * sizes measured at two widths give a slope biased by rounding. Constants have exponent 0, d_in and
 * d_out 1; products add exponents, quotients subtract, {@code ^ c} multiplies by c, {@code sqrt}
 * halves, rounding keeps, sums and {@code max} take the larger, {@code min} the smaller, and each
 * of the k sizes of {@code split(n, k)} gets e(n)/k. An expression outside these rules (a power
 * whose exponent grows with d) gives no answer.
 */
final class SizeExponents {
  /** An expression's growth: its exponent, and its value when it is a constant (else NaN). */
  private record Term(double exponent, double value) {
    static Term constant(double v) {
      return new Term(0, v);
    }

    boolean isConstant() {
      return exponent == 0 && !Double.isNaN(value);
    }
  }

  private final Map<String, Term> scope = new HashMap<>();

  private SizeExponents() {}

  /** Each index's exponent, or empty when an expression is outside the rules. */
  static Optional<Map<String, Double>> of(StructureDecl decl, Args args) {
    SizeExponents e = new SizeExponents();
    Map<String, Double> indices = new HashMap<>();
    try {
      for (Param p : decl.params()) {
        String name = p.name().text();
        Value given = args.values().get(name);
        if (name.equals("d_in") || name.equals("d_out")) {
          e.scope.put(name, new Term(1, Double.NaN));
        } else if (given != null) {
          e.scope.put(name, Term.constant(given.value()));
        } else if (p.defaultValue().isPresent()) {
          e.scope.put(name, e.eval(p.defaultValue().get()));
        } else {
          return Optional.empty();
        }
      }
      for (Stmt s : decl.body()) {
        if (s instanceof DimStmt d) {
          Term t = e.eval(d.size());
          e.scope.put(d.name().text(), t);
          indices.put(d.name().text(), t.exponent());
        } else if (s instanceof DimsStmt d) {
          e.split(d, indices);
        } else if (s instanceof LetStmt l) {
          e.scope.put(l.name().text(), e.eval(l.value()));
        }
      }
    } catch (IllegalStateException unsupported) {
      return Optional.empty();
    }
    return Optional.of(indices);
  }

  private void split(DimsStmt d, Map<String, Double> indices) {
    if (!(d.value() instanceof Call c) || !c.function().text().equals("split")) {
      throw new IllegalStateException("dims without split");
    }
    Term n = eval(c.args().get(0));
    int k = d.names().size();
    int[] factors = n.isConstant() ? Splits.split(Math.round(n.value()), k) : null;
    for (int i = 0; i < k; i++) {
      // near-equal sizes, each about n^(1/k)
      Term t = new Term(n.exponent() / k, factors == null ? Double.NaN : factors[i]);
      String name = d.names().get(i).text();
      scope.put(name, t);
      indices.put(name, t.exponent());
    }
  }

  private Term eval(Expr expr) {
    if (expr instanceof Num n) {
      return Term.constant(Double.parseDouble(n.text()));
    }
    if (expr instanceof Ref r) {
      Term t = scope.get(r.name().text());
      if (t == null) {
        throw new IllegalStateException("unknown name " + r.name().text());
      }
      return t;
    }
    if (expr instanceof Neg n) {
      Term t = eval(n.operand());
      return new Term(t.exponent(), -t.value());
    }
    if (expr instanceof Binary b) {
      return binary(b.op(), eval(b.left()), eval(b.right()));
    }
    if (expr instanceof Call c) {
      return call(c);
    }
    throw new AssertionError(expr);
  }

  private static Term binary(char op, Term l, Term r) {
    return switch (op) {
      case '+' -> new Term(Math.max(l.exponent(), r.exponent()), l.value() + r.value());
      case '-' -> new Term(Math.max(l.exponent(), r.exponent()), l.value() - r.value());
      case '*' -> new Term(l.exponent() + r.exponent(), l.value() * r.value());
      case '/' -> new Term(l.exponent() - r.exponent(), l.value() / r.value());
      case '^' -> {
        if (!r.isConstant()) {
          throw new IllegalStateException("a power whose exponent grows with d");
        }
        yield new Term(l.exponent() * r.value(), Math.pow(l.value(), r.value()));
      }
      default -> throw new AssertionError(op);
    };
  }

  private Term call(Call c) {
    List<Term> args = c.args().stream().map(this::eval).toList();
    String f = c.function().text();
    Term first = args.get(0);
    return switch (f) {
      case "round" -> new Term(first.exponent(), Math.rint(first.value()));
      case "floor" -> new Term(first.exponent(), Math.floor(first.value()));
      case "ceil" -> new Term(first.exponent(), Math.ceil(first.value()));
      case "sqrt" -> new Term(first.exponent() / 2, Math.sqrt(first.value()));
      case "min", "max" -> {
        Term best = first;
        for (Term t : args.subList(1, args.size())) {
          boolean smaller =
              t.exponent() < best.exponent()
                  || (t.exponent() == best.exponent() && t.value() < best.value());
          best = smaller == f.equals("min") ? t : best;
        }
        yield best;
      }
      default -> throw new IllegalStateException("split outside dims");
    };
  }
}
