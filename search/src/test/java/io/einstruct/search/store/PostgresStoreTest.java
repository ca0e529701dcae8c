package io.einstruct.search.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store on a real PostgreSQL server; fails, rather than skips, when there is none. */
class PostgresStoreTest extends StoreContract {
  @Override
  StoreUrl url() {
    return Stores.postgres();
  }

  @Test
  void aWrongPasswordIsAClearErrorWithoutThePassword() {
    StoreUrl bad =
        StoreUrl.parse(
            url().jdbcUrl(),
            null,
            Map.of("EINSTRUCT_DB_USER", "einstruct", "EINSTRUCT_DB_PASSWORD", "not-the-password"));
    assertThatThrownBy(() -> TrialStore.open(bad, 1))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot open the store " + bad.shown() + ": ")
        .hasMessageNotContaining("not-the-password");
    assertThat(bad.shown()).doesNotContain("not-the-password");
  }

  @Test
  void aPasswordInTheUrlIsNeverShown() {
    StoreUrl inUrl = StoreUrl.parse("jdbc:postgresql://bob:s3cret@localhost:1/db", null, Map.of());
    assertThat(inUrl.shown()).isEqualTo("jdbc:postgresql://bob:***@localhost:1/db");
    assertThatThrownBy(() -> StoreUrl.parse("mysql://bob:s3cret@host/db", null, Map.of()))
        .hasMessageNotContaining("s3cret")
        .hasMessageContaining("bob:***@host");
    assertThatThrownBy(() -> TrialStore.open(inUrl, 1))
        .isInstanceOf(StoreException.class)
        .hasMessageNotContaining("s3cret");
  }
}
