package io.einstruct.search.study;

import io.einstruct.train.Choices;

/** What successive halving counts its rungs in, and so which trials it compares at a rung. */
public enum PruneResource implements Choices.Keyed {
  /** Epochs: a trial against its group (same structure and width). */
  EPOCHS("epochs"),
  /**
   * Training FLOPs: a trial against every trial of its width, at equal compute. Not across widths:
   * at an early rung compute favours small models (the compute-optimal size grows with compute), so
   * every wide model would stop before it could show how its structure scales.
   */
  FLOPS("flops");

  private final String key;

  PruneResource(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** The resource a study file names; absent means epochs. */
  public static PruneResource of(String text) {
    return text == null ? EPOCHS : Choices.parse(PruneResource.class, "resource", text);
  }
}
