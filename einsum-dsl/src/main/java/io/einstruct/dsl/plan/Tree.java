package io.einstruct.dsl.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A contraction order as a binary tree over operand positions: a leaf is an operand, a node
 * contracts what its two children produce.
 */
sealed interface Tree permits Tree.Leaf, Tree.Node {
  /** Operand positions under this tree, as a bit set. */
  int mask();

  /** One operand. */
  record Leaf(int operand) implements Tree {
    @Override
    public int mask() {
      return 1 << operand;
    }
  }

  /** The contraction of two subtrees. */
  record Node(Tree left, Tree right) implements Tree {
    @Override
    public int mask() {
      return left.mask() | right.mask();
    }
  }

  /**
   * Appends the steps of this tree in execution order (children first) and returns the operand this
   * tree produces.
   */
  default Operand emit(
      List<Operand> operands,
      List<String> output,
      Map<String, Long> sizes,
      Map<String, Character> letters,
      List<PlanStep> steps) {
    if (this instanceof Leaf leaf) {
      return operands.get(leaf.operand());
    }
    Node node = (Node) this;
    Operand left = node.left().emit(operands, output, sizes, letters, steps);
    Operand right = node.right().emit(operands, output, sizes, letters, steps);
    int all = (1 << operands.size()) - 1;
    boolean root = mask() == all;
    Operand result;
    if (root) {
      result = new Operand("y", output);
    } else {
      Set<String> needed = new HashSet<>(output);
      for (int i = 0; i < operands.size(); i++) {
        if ((mask() & (1 << i)) == 0) {
          needed.addAll(operands.get(i).indices());
        }
      }
      Set<String> keep = new HashSet<>(left.indices());
      keep.addAll(right.indices());
      keep.retainAll(needed);
      result =
          new Operand(
              "t" + (steps.size() + 1), Planner.ordered(left.indices(), right.indices(), keep));
    }
    steps.add(Planner.step(left, right, result, sizes, letters));
    return result;
  }

  /** Indices a subset of operands still carries once contracted: those needed outside it. */
  static List<String> kept(int mask, List<Operand> operands, List<String> output) {
    Set<String> inside = new HashSet<>();
    Set<String> outside = new HashSet<>(output);
    for (int i = 0; i < operands.size(); i++) {
      ((mask & (1 << i)) != 0 ? inside : outside).addAll(operands.get(i).indices());
    }
    inside.retainAll(outside);
    return new ArrayList<>(inside);
  }
}
