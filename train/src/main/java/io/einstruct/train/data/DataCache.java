package io.einstruct.train.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Loaded datasets kept for the runs of one process, so that a worker training many trials on the
 * same data reads and decompresses it once. Datasets are immutable once loaded.
 */
public final class DataCache {
  private final Map<String, Object> loaded = new ConcurrentHashMap<>();

  /** The dataset for {@code key}, loaded by {@code load} the first time. */
  public <T> T get(String key, Class<T> type, Supplier<T> load) {
    Object data = loaded.computeIfAbsent(key, k -> load.get());
    if (!type.isInstance(data)) {
      throw new IllegalStateException(key + " was cached as " + data.getClass().getSimpleName());
    }
    return type.cast(data);
  }
}
