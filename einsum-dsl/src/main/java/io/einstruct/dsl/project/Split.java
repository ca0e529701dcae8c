package io.einstruct.dsl.project;

import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Structure;
import java.util.List;
import java.util.Set;

/**
 * How a factor's indices sit against the target W and the product G of the other factors, which
 * makes {@code W ≈ F · G} a stack of independent matrix problems {@code W_d (rows × cols) ≈ F_d
 * (rows × inner) · G_d (inner × cols)}, one per block d.
 *
 * @param blocks the factor's indices that W and G share with it: each value is its own problem
 * @param rows the factor's indices in W but not in G
 * @param inner the factor's indices not in W: summed against G
 * @param cols W's indices not in the factor
 */
record Split(Axes blocks, Axes rows, Axes inner, Axes cols) {

  static Split of(Structure s, Factor f, List<String> target, Set<String> rest) {
    List<String> mine = f.indexNames();
    return new Split(
        Axes.of(s, mine.stream().filter(n -> target.contains(n) && rest.contains(n)).toList()),
        Axes.of(s, mine.stream().filter(n -> target.contains(n) && !rest.contains(n)).toList()),
        Axes.of(s, mine.stream().filter(n -> !target.contains(n)).toList()),
        Axes.of(s, target.stream().filter(n -> !mine.contains(n)).toList()));
  }
}
