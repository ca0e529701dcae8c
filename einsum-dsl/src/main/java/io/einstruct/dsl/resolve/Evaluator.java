package io.einstruct.dsl.resolve;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import io.einstruct.dsl.syntax.Binary;
import io.einstruct.dsl.syntax.Call;
import io.einstruct.dsl.syntax.Expr;
import io.einstruct.dsl.syntax.Neg;
import io.einstruct.dsl.syntax.Num;
import io.einstruct.dsl.syntax.Ref;
import java.util.List;

/**
 * Evaluates expressions in a {@link Scope}. Integers stay exact; a division of integers that does
 * not divide is an error rather than a silent floor, because a size that quietly rounds is a
 * different layer from the one written.
 */
final class Evaluator {
  /** Functions usable in expressions. {@code split} is only valid on the right of {@code dims}. */
  static final List<String> FUNCTIONS =
      List.of("round", "floor", "ceil", "sqrt", "min", "max", "split");

  private final Source source;
  private final Scope scope;

  Evaluator(Source source, Scope scope) {
    this.source = source;
    this.scope = scope;
  }

  Value eval(Expr expr) {
    if (expr instanceof Num num) {
      return number(num);
    } else if (expr instanceof Ref ref) {
      return scope.value(ref.name());
    } else if (expr instanceof Neg neg) {
      Value v = eval(neg.operand());
      return v.integer() ? Value.of(-v.asLong()) : Value.real(-v.value());
    } else if (expr instanceof Binary binary) {
      return binary(binary);
    } else if (expr instanceof Call call) {
      return call(call);
    }
    throw new AssertionError(expr);
  }

  private Value number(Num num) {
    double v;
    try {
      v = Double.parseDouble(num.text());
    } catch (NumberFormatException e) {
      throw error(num.span(), "'" + num.text() + "' is not a number");
    }
    if (!Double.isFinite(v) || (num.integer() && v > Value.MAX_EXACT)) {
      throw error(num.span(), "number " + num.text() + " is too large");
    }
    return num.integer() ? Value.of((long) v) : Value.real(v);
  }

  private Value binary(Binary b) {
    Value l = eval(b.left());
    Value r = eval(b.right());
    boolean exact = l.integer() && r.integer();
    double x = l.value();
    double y = r.value();
    return switch (b.op()) {
      case '+' -> checked(exact, x + y, b.span());
      case '-' -> checked(exact, x - y, b.span());
      case '*' -> checked(exact, x * y, b.span());
      case '/' -> divide(b, l, r);
      case '^' -> {
        if (x == 0 && y < 0) {
          throw error(b.opSpan(), "0 cannot be raised to a negative power");
        }
        yield checked(exact && y >= 0, Math.pow(x, y), b.span());
      }
      default -> throw new AssertionError(b.op());
    };
  }

  private Value divide(Binary b, Value l, Value r) {
    if (r.value() == 0) {
      throw error(b.opSpan(), "division by zero");
    }
    if (l.integer() && r.integer()) {
      long n = l.asLong();
      long d = r.asLong();
      if (n % d != 0) {
        throw error(
            b.opSpan(),
            "division does not divide: "
                + n
                + " / "
                + d
                + " leaves "
                + Math.floorMod(n, d)
                + "; sizes must be exact (to round on purpose write e.g. round("
                + n
                + " / "
                + d
                + ".0))");
      }
      return Value.of(n / d);
    }
    return checked(false, l.value() / r.value(), b.span());
  }

  private Value call(Call call) {
    String f = call.function().text();
    List<Expr> args = call.args();
    switch (f) {
      case "round", "floor", "ceil", "sqrt" -> {
        arity(call, 1, 1);
        Value v = eval(args.get(0));
        return unary(f, v, call);
      }
      case "min", "max" -> {
        arity(call, 2, Integer.MAX_VALUE);
        Value best = eval(args.get(0));
        for (Expr arg : args.subList(1, args.size())) {
          Value v = eval(arg);
          boolean take = f.equals("min") ? v.value() < best.value() : v.value() > best.value();
          boolean exact = best.integer() && v.integer();
          best = take ? v : best;
          best = exact ? best : Value.real(best.value());
        }
        return best;
      }
      case "split" ->
          throw error(
              call.span(),
              "split() gives several sizes, so it can only be the right side of 'dims', "
                  + "as in 'dims a, b = split(d_in)'");
      default ->
          throw error(
              call.function().span(),
              "unknown function '"
                  + f
                  + "';"
                  + Suggestions.didYouMean(f, FUNCTIONS)
                  + " known: "
                  + String.join(", ", FUNCTIONS));
    }
  }

  private Value unary(String f, Value v, Call call) {
    double x = v.value();
    return switch (f) {
      // round half to even, as Python's round(), which the reference θ-space code uses
      case "round" -> checked(true, Math.rint(x), call.span());
      case "floor" -> checked(true, Math.floor(x), call.span());
      case "ceil" -> checked(true, Math.ceil(x), call.span());
      case "sqrt" -> {
        if (x < 0) {
          throw error(call.span(), "sqrt of a negative number: " + v);
        }
        yield Value.real(Math.sqrt(x));
      }
      default -> throw new AssertionError(f);
    };
  }

  void arity(Call call, int min, int max) {
    int n = call.args().size();
    if (n < min || n > max) {
      String want =
          min == max
              ? (min + " argument" + (min == 1 ? "" : "s"))
              : max == Integer.MAX_VALUE
                  ? "at least " + min + " arguments"
                  : min + " or " + max + " arguments";
      throw error(call.span(), call.function().text() + "() takes " + want + ", got " + n);
    }
  }

  private Value checked(boolean exact, double result, Span span) {
    if (!Double.isFinite(result)) {
      throw error(span, "the value is not a finite number");
    }
    if (exact) {
      if (Math.abs(result) > Value.MAX_EXACT) {
        throw error(span, "the value is too large to be exact: " + result);
      }
      return Value.of((long) result);
    }
    return Value.real(result);
  }

  EinError error(Span span, String message) {
    return EinError.at(source, span, message);
  }
}
