package io.einstruct.dsl.plan;

import java.util.List;

/**
 * One input or output of a plan step: {@code x}, a factor, or an intermediate {@code t1, t2, ...}
 * numbered by the step that produced it.
 *
 * @param name {@code x}, a factor name, or {@code tN}
 * @param indices its indices in memory order (slowest first); the batch index is {@link
 *     Planner#BATCH}
 */
public record Operand(String name, List<String> indices) {
  public Operand {
    indices = List.copyOf(indices);
  }

  /** True if this is an intermediate produced by an earlier step. */
  public boolean intermediate() {
    return name.startsWith("t")
        && name.length() > 1
        && name.substring(1).chars().allMatch(Character::isDigit);
  }
}
