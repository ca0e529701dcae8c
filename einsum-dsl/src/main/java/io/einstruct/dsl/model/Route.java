package io.einstruct.dsl.model;

import java.util.Objects;

/**
 * A routed (mixture-of-experts) index: per input, a router picks {@code top} of its {@code experts}
 * slices and weights them by a softmax over the chosen logits.
 *
 * @param index the routed index, a bond between two consecutive factors
 * @param experts the index's size
 * @param top how many slices each input uses, {@code 1 <= top <= experts}
 */
public record Route(String index, int experts, int top) {
  public Route {
    Objects.requireNonNull(index, "index");
    if (top < 1 || top > experts) {
      throw new IllegalArgumentException(
          "route '" + index + "' needs 1 <= top <= " + experts + ", got " + top);
    }
  }

  /** The fraction of the slices each input uses, k / E. */
  public double activeFraction() {
    return (double) top / experts;
  }
}
