package io.einstruct.search.fit;

import io.einstruct.dsl.EinError;
import io.einstruct.search.store.MetricRow;
import java.util.Locale;

/** What a scaling law's compute axis counts. */
public enum ComputeAxis {
  /** Every training FLOP, head included. */
  TOTAL("total", "training FLOPs"),
  /**
   * Training FLOPs without the head's, as compute-better-spent's GPT-2 scaling laws ("excluding
   * language modeling head compute"); the embeddings are lookups and cost nothing either way.
   */
  NON_EMBEDDING("non-embedding", "non-embedding training FLOPs"),
  /**
   * Training wall-clock seconds, evaluations excluded: what the researcher waits for. Comparable
   * only between trials that ran alike (machine, threads, trials sharing it).
   */
  SECONDS("seconds", "training seconds");

  private final String key;
  private final String label;

  ComputeAxis(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** Its name in options. */
  public String key() {
    return key;
  }

  /** How charts and tables name the axis. */
  public String label() {
    return label;
  }

  /** The compute of a row on this axis; NaN when the row's head share is unknown. */
  public double of(MetricRow row) {
    double flops = row.point().flops();
    return switch (this) {
      case TOTAL -> flops;
      case NON_EMBEDDING -> flops * (1 - row.headShare());
      case SECONDS -> row.point().wallSeconds();
    };
  }

  /** The axis called {@code key}, in any case. */
  public static ComputeAxis parse(String key) {
    for (ComputeAxis a : values()) {
      if (a.key.equalsIgnoreCase(key.strip().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw EinError.setting(
        "compute", "expected total, non-embedding or seconds, got '" + key + "'");
  }
}
