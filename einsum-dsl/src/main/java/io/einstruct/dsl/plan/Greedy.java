package io.einstruct.dsl.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pairwise order for many operands: repeatedly contract the pair whose step costs the fewest
 * multiply-adds (ties: the smaller result). Not optimal, but quadratic per step.
 */
final class Greedy {
  private Greedy() {}

  static Tree search(List<Operand> operands, List<String> output, Map<String, Long> sizes) {
    List<Tree> trees = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      trees.add(new Tree.Leaf(i));
    }
    while (trees.size() > 1) {
      int bestA = -1;
      int bestB = -1;
      double bestCost = Double.POSITIVE_INFINITY;
      double bestSize = Double.POSITIVE_INFINITY;
      for (int a = 0; a < trees.size(); a++) {
        for (int b = a + 1; b < trees.size(); b++) {
          List<String> left = Tree.kept(trees.get(a).mask(), operands, output);
          List<String> right = Tree.kept(trees.get(b).mask(), operands, output);
          Set<String> touched = new HashSet<>(left);
          touched.addAll(right);
          double cost = logProduct(touched, sizes);
          double size =
              logProduct(
                  Tree.kept(trees.get(a).mask() | trees.get(b).mask(), operands, output), sizes);
          if (cost < bestCost - 1e-12 || (Math.abs(cost - bestCost) <= 1e-12 && size < bestSize)) {
            bestA = a;
            bestB = b;
            bestCost = cost;
            bestSize = size;
          }
        }
      }
      Tree merged = new Tree.Node(trees.get(bestA), trees.get(bestB));
      trees.remove(bestB);
      trees.set(bestA, merged);
    }
    return trees.get(0);
  }

  private static double logProduct(Iterable<String> indices, Map<String, Long> sizes) {
    double sum = 0;
    for (String i : indices) {
      sum += Math.log(sizes.get(i));
    }
    return sum;
  }
}
