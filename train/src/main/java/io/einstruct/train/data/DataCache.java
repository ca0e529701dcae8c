package io.einstruct.train.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Loaded datasets kept for the runs of one process, so that a worker training many trials on the
 * same data reads and decompresses it once. Datasets are immutable once loaded.
 */
public final class DataCache {
  private final Map<String, Split> splits = new ConcurrentHashMap<>();

  /** The split for {@code key}, loaded by {@code load} the first time. */
  public Split get(String key, Supplier<Split> load) {
    return splits.computeIfAbsent(key, k -> load.get());
  }
}
