package io.einstruct.train.compile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.einstruct.train.Choices;
import java.util.Locale;

/** Which layers weight normalisation wraps. */
public enum WeightNormScope implements Choices.Keyed {
  /**
   * Layers of two or more factors (compute-better-spent normalises only structured cores); q and k
   * get no gain, since the QK-LayerNorm that follows rescales them anyway.
   */
  STRUCTURED,
  /** Every factor of every layer, dense head and input layers included, each with a gain. */
  ALL;

  @Override
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope called {@code key}, in any case. */
  @JsonCreator
  public static WeightNormScope parse(String key) {
    return Choices.parse(WeightNormScope.class, "weight_norm_scope", key);
  }

  @Override
  public String toString() {
    return key();
  }
}
