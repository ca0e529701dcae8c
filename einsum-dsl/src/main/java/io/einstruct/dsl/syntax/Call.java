package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;
import java.util.List;

/**
 * A function call such as {@code round(sqrt(d_in))} or {@code split(d_out, 3)}.
 *
 * @param function the function's name
 * @param args the arguments in order
 * @param span the name through the closing parenthesis
 */
public record Call(Name function, List<Expr> args, Span span) implements Expr {
  public Call {
    args = List.copyOf(args);
  }
}
