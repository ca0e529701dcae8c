package io.einstruct.search.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * The stores tests run against: an SQLite file, and the PostgreSQL server {@code .ci/postgres}
 * starts. Without that server the PostgreSQL tests fail, by design: CI must provide it.
 */
public final class Stores {
  private Stores() {}

  /** A fresh SQLite store in {@code dir}. */
  public static StoreUrl sqlite(Path dir) {
    return StoreUrl.parse("sqlite:" + dir.resolve("store.db"), null, Map.of());
  }

  /** The test PostgreSQL store, from EINSTRUCT_TEST_PG_URL/_USER/_PASSWORD or the defaults. */
  public static StoreUrl postgres() {
    Map<String, String> env = System.getenv();
    String url =
        env.getOrDefault(
            "EINSTRUCT_TEST_PG_URL", "jdbc:postgresql://localhost:5432/einstruct_test");
    return StoreUrl.parse(
        url,
        null,
        Map.of(
            "EINSTRUCT_DB_USER", env.getOrDefault("EINSTRUCT_TEST_PG_USER", "einstruct"),
            "EINSTRUCT_DB_PASSWORD", env.getOrDefault("EINSTRUCT_TEST_PG_PASSWORD", "einstruct")));
  }

  /** The environment a child process needs to reach {@link #postgres()}. */
  public static Map<String, String> postgresEnv() {
    StoreUrl url = postgres();
    return Map.of("EINSTRUCT_DB_USER", url.user(), "EINSTRUCT_DB_PASSWORD", url.password());
  }
}
