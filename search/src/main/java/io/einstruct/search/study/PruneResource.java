package io.einstruct.search.study;

import io.einstruct.train.Choices;

/** What successive halving counts its rungs in, and so which trials it compares at a rung. */
public enum PruneResource implements Choices.Keyed {
  /** Epochs: a trial against its group (same structure and width). */
  EPOCHS("epochs"),
  /** Training FLOPs: every trial of the study against every other, at equal compute. */
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
