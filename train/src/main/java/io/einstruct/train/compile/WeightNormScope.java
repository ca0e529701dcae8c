package io.einstruct.train.compile;

import io.einstruct.dsl.EinError;
import java.util.Locale;

/** Which layers weight normalisation wraps. */
public enum WeightNormScope {
  /**
   * Layers of two or more factors (compute-better-spent normalises only structured cores); q and k
   * get no gain, since the QK-LayerNorm that follows rescales them anyway.
   */
  STRUCTURED,
  /** Every factor of every layer, dense head and input layers included, each with a gain. */
  ALL;

  /** Its name in options and files. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope called {@code key}, in any case. */
  public static WeightNormScope parse(String key) {
    for (WeightNormScope s : values()) {
      if (s.key().equalsIgnoreCase(key.strip())) {
        return s;
      }
    }
    throw EinError.setting("weight_norm_scope", "expected structured or all, got '" + key + "'");
  }
}
