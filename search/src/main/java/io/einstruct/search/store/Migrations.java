package io.einstruct.search.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations: each script {@code V<n>__<name>.sql} of the dialect runs once, in
 * order, inside its own transaction, and is recorded in {@code schema_version}. Two processes
 * opening a new store at once are safe: the loser of the race finds the version recorded.
 */
final class Migrations {
  /** The scripts, oldest first. */
  static final List<String> SCRIPTS =
      List.of(
          "V1__trial_store",
          "V2__router_perplexity",
          "V3__head_macs",
          "V4__run_environment",
          "V5__trial_checkpoint");

  private Migrations() {}

  static void apply(Connection c, Dialect dialect) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
              + "name TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
    }
    for (int i = 0; i < SCRIPTS.size(); i++) {
      int version = i + 1;
      c.setAutoCommit(false);
      try {
        // SQLite: the driver began with BEGIN IMMEDIATE, so this transaction holds the write lock
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
          }
        }
        if (!applied(c, version)) {
          for (String statement : statements(dialect, SCRIPTS.get(i))) {
            try (Statement s = c.createStatement()) {
              s.execute(statement);
            }
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO schema_version (version, name, applied_ms) VALUES (?, ?, ?)")) {
            p.setInt(1, version);
            p.setString(2, SCRIPTS.get(i));
            p.setLong(3, System.currentTimeMillis());
            p.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static boolean applied(Connection c, int version) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
      p.setInt(1, version);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /** The script's statements, split at semicolons that end a line; comments dropped. */
  static List<String> statements(Dialect dialect, String script) {
    String path = "/io/einstruct/search/migrations/" + dialect.folder() + "/" + script + ".sql";
    try (InputStream in = Migrations.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration " + path + " is missing");
      }
      String text =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
      return java.util.Arrays.stream(text.split(";\\s*(\\n|$)"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
