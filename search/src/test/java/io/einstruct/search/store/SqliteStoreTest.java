package io.einstruct.search.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  StoreUrl url() {
    return Stores.sqlite(dir);
  }

  @Test
  void parsesStoreUrlsAndNeverShowsAPassword() {
    StoreUrl sqlite = StoreUrl.parse("sqlite:runs/a.db", null, Map.of());
    assertThat(sqlite.dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(sqlite.jdbcUrl()).startsWith("jdbc:sqlite:runs/a.db?journal_mode=WAL");
    assertThat(sqlite.shown()).isEqualTo("sqlite:runs/a.db");
    StoreUrl pg =
        StoreUrl.parse(
            "jdbc:postgresql://db/x?user=u&password=secret", null, Map.of("PGPASSWORD", "fromenv"));
    assertThat(pg.shown()).isEqualTo("jdbc:postgresql://db/x?user=u&password=***");
    assertThat(pg.password()).isEqualTo("fromenv");
    assertThat(pg.toString()).doesNotContain("secret");
    assertThatThrownBy(() -> StoreUrl.parse("mysql://x?password=p", null, Map.of()))
        .isInstanceOf(EinError.class)
        .hasMessage(
            "store: expected sqlite:PATH or jdbc:postgresql://HOST[:PORT]/DB, got "
                + "'mysql://x?password=***'");
  }

  @Test
  void usesWriteAheadLogging() throws Exception {
    try (var c = java.sql.DriverManager.getConnection(url().jdbcUrl());
        var s = c.createStatement();
        var r = s.executeQuery("PRAGMA journal_mode")) {
      r.next();
      assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
    }
  }
}
