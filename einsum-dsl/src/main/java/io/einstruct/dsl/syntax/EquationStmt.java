package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Span;
import java.util.List;

/**
 * {@code y[...] = F1[...] * F2[...] * x[...]}: the layer.
 *
 * @param left the tensor on the left, which must be {@code y}
 * @param right the tensors on the right in written order; the chain runs right to left
 * @param span the whole statement
 */
public record EquationStmt(TensorRef left, List<TensorRef> right, Span span) implements Stmt {
  public EquationStmt {
    right = List.copyOf(right);
  }
}
