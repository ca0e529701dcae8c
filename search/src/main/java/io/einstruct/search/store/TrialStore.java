package io.einstruct.search.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.einstruct.search.study.TrialSpec;
import io.einstruct.train.run.Json;
import io.einstruct.train.run.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trial store over a connection pool (HikariCP). Every change runs inside one transaction; on
 * SQLite transactions begin {@code IMMEDIATE}, so writers queue behind one another, and on
 * PostgreSQL a claim locks its row with {@code SKIP LOCKED}, so workers never wait for each other.
 */
public final class TrialStore implements AutoCloseable {
  private final StoreUrl url;
  private final HikariDataSource pool;
  private final ObjectMapper json = Json.mapper();
  private final TrialQueue queue = new TrialQueue(this);

  private TrialStore(StoreUrl url, HikariDataSource pool) {
    this.url = url;
    this.pool = pool;
  }

  /** Opens the store, creating or upgrading its schema; {@code connections} bounds the pool. */
  public static TrialStore open(StoreUrl url, int connections) {
    if (url.dialect() == Dialect.SQLITE) {
      createParent(url);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    if (url.user() != null) {
      config.setUsername(url.user());
    }
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    config.setMaximumPoolSize(Math.max(1, connections));
    config.setMinimumIdle(1);
    config.setConnectionTimeout(20_000);
    config.setInitializationFailTimeout(1);
    config.setPoolName("einstruct-store");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StoreException("cannot open the store " + url.shown() + ": " + message(cause), e);
    }
    TrialStore store = new TrialStore(url, pool);
    try (Connection c = pool.getConnection()) {
      Migrations.apply(c, url.dialect());
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new StoreException("cannot open the store " + url.shown() + ": " + message(e), e);
    }
    return store;
  }

  /**
   * Opens a store that must exist already, as read-only commands and workers need: a SQLite file
   * that is not there is an error about {@code store}, and nothing is created.
   */
  public static TrialStore openExisting(StoreUrl url, int connections) {
    if (url.dialect() == Dialect.SQLITE && !Files.isRegularFile(sqliteFile(url))) {
      throw io.einstruct.dsl.EinError.setting(
          "store",
          "no store at "
              + url.shown()
              + " (einstruct search creates a study's store; give --store to read another)");
    }
    return open(url, connections);
  }

  /** The trial queue workers claim, record and finish trials through. */
  public TrialQueue queue() {
    return queue;
  }

  /** Where the store is. */
  public StoreUrl url() {
    return url;
  }

  /** The study's id, created with {@code spec} or updated to it. */
  public long ensureStudy(String name, String spec) {
    return transaction(
        "save study " + name,
        c -> {
          // one statement, so two processes creating the study at once both end with its one row
          long now = System.currentTimeMillis();
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO studies (name, spec, created_ms, updated_ms) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, updated_ms ="
                      + " excluded.updated_ms")) {
            p.setString(1, name);
            p.setString(2, spec);
            p.setLong(3, now);
            p.setLong(4, now);
            p.executeUpdate();
          }
          return studyId(c, name).orElseThrow();
        });
  }

  /** The id of the study called {@code name}, if there is one. */
  public Optional<Long> studyId(String name) {
    return transaction("find study " + name, c -> studyId(c, name));
  }

  /** The stored study file of {@code name}, if there is one. */
  public Optional<String> spec(String name) {
    return transaction(
        "read study " + name,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT spec FROM studies WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
              return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Adds the trials the study does not hold yet (by key) as {@code queued}; returns how many were
   * new. Trials already there keep their state, so a study re-run never repeats finished work.
   */
  public int addTrials(long studyId, List<TrialSpec> trials) {
    return transaction(
        "add trials",
        c -> {
          // numbers are read and taken under the study's row lock (SQLite: the write lock every
          // transaction takes), so two processes adding trials at once never share a number
          try (PreparedStatement lock =
              c.prepareStatement("SELECT id FROM studies WHERE id = ?" + url.dialect().rowLock())) {
            lock.setLong(1, studyId);
            lock.executeQuery().close();
          }
          int next = maxNumber(c, studyId) + 1;
          int added = 0;
          String sql =
              "INSERT INTO trials (study_id, number, trial_key, label, grp, width, lr, seed,"
                  + " config, params, macs, flops_estimate, head_macs, status, attempts) VALUES (?, ?,"
                  + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0) ON CONFLICT DO NOTHING";
          for (TrialSpec t : trials) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
              p.setLong(1, studyId);
              p.setInt(2, next);
              p.setString(3, t.key());
              p.setString(4, t.label());
              p.setString(5, t.group());
              p.setInt(6, t.width());
              p.setDouble(7, t.lr());
              p.setLong(8, t.seed());
              p.setString(9, write(t.config()));
              p.setLong(10, t.params());
              p.setLong(11, t.forwardMacs());
              p.setDouble(12, t.flops());
              p.setLong(13, t.headMacs());
              int n = p.executeUpdate();
              added += n;
              next += n;
            }
          }
          return added;
        });
  }

  /**
   * The numbers of the trials of {@code study} that are among {@code trials} or whose structure is
   * {@code structure}: a label as tables show it ({@code tt3@3a59c1}, one version) or without the
   * hash (every version). Null selectors select nothing by themselves.
   */
  public java.util.SortedSet<Integer> select(String study, List<Integer> trials, String structure) {
    return transaction(
        "select trials",
        c -> {
          java.util.SortedSet<Integer> chosen = new java.util.TreeSet<>();
          for (var e : StoreQueries.labels(c, study).entrySet()) {
            String shown = e.getValue();
            String bare = shown.contains("@") ? shown.substring(0, shown.lastIndexOf('@')) : shown;
            boolean byNumber = trials != null && trials.contains(e.getKey());
            boolean byName =
                structure != null && (structure.equals(shown) || structure.equals(bare));
            if (byNumber || byName) {
              chosen.add(e.getKey());
            }
          }
          return chosen;
        });
  }

  /**
   * Removes trials of {@code study} and their metrics, in one transaction; returns how many were
   * removed. A worker training one of them loses its claim and writes nothing more.
   */
  public int delete(String study, java.util.Collection<Integer> numbers) {
    return transaction(
        "delete trials",
        c -> {
          long id = studyId(c, study).orElseThrow();
          int removed = 0;
          for (int n : numbers) {
            update(
                c,
                "DELETE FROM metrics WHERE trial_id IN (SELECT id FROM trials WHERE study_id = ?"
                    + " AND number = ?)",
                id,
                n);
            removed += update(c, "DELETE FROM trials WHERE study_id = ? AND number = ?", id, n);
          }
          return removed;
        });
  }

  /**
   * Stops trials of {@code study} that are queued or running: they become {@code cancelled}, keep
   * their metrics and are never claimed again; a worker training one loses its claim. Returns how
   * many were cancelled.
   */
  public int cancel(String study, java.util.Collection<Integer> numbers) {
    return transaction(
        "cancel trials",
        c -> {
          long id = studyId(c, study).orElseThrow();
          int cancelled = 0;
          for (int n : numbers) {
            cancelled +=
                update(
                    c,
                    "UPDATE trials SET status = 'cancelled', checkpoint = NULL, error = ?,"
                        + " finished_ms = ? WHERE study_id = ? AND number = ? AND status IN"
                        + " ('queued', 'running')",
                    "cancelled",
                    System.currentTimeMillis(),
                    id,
                    n);
          }
          return cancelled;
        });
  }

  /**
   * Queues trials of {@code study} again from scratch, whatever their state (failed, pruned,
   * cancelled, or done to be retrained): attempts 0, no error, no checkpoint, their metrics
   * removed, in one transaction. A worker training one of them loses its claim. Returns how many.
   */
  public int requeue(String study, java.util.Collection<Integer> numbers) {
    return transaction(
        "requeue trials",
        c -> {
          long id = studyId(c, study).orElseThrow();
          int queued = 0;
          for (int n : numbers) {
            update(
                c,
                "DELETE FROM metrics WHERE trial_id IN (SELECT id FROM trials WHERE study_id = ?"
                    + " AND number = ?)",
                id,
                n);
            queued +=
                update(
                    c,
                    "UPDATE trials SET status = 'queued', attempts = 0, error = NULL, worker = NULL,"
                        + " heartbeat_ms = NULL, checkpoint = NULL, checkpoint_step = NULL,"
                        + " finished_ms = NULL, final_step = NULL, final_train_loss = NULL,"
                        + " final_test_loss = NULL, final_test_error = NULL, final_flops = NULL,"
                        + " wall_seconds = NULL WHERE study_id = ? AND number = ?",
                    id,
                    n);
          }
          return queued;
        });
  }

  /** The numbers of the trials of {@code study} that have {@code status}. */
  public java.util.SortedSet<Integer> withStatus(String study, TrialStatus status) {
    java.util.SortedSet<Integer> numbers = new java.util.TreeSet<>();
    for (TrialRow t : trials(study)) {
      if (t.status().equals(status.key())) {
        numbers.add(t.number());
      }
    }
    return numbers;
  }

  /** Every study with its progress. */
  public List<StudyStatus> studies() {
    return transaction(
        "list studies",
        c -> {
          List<String> names = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement("SELECT name FROM studies ORDER BY name");
              ResultSet r = p.executeQuery()) {
            while (r.next()) {
              names.add(r.getString(1));
            }
          }
          List<StudyStatus> out = new ArrayList<>();
          for (String name : names) {
            out.add(status(c, name));
          }
          return out;
        });
  }

  /** The progress of one study. */
  public StudyStatus status(String study) {
    return transaction("read the status of " + study, c -> status(c, study));
  }

  /** Every trial of a study, in order. */
  public List<TrialRow> trials(String study) {
    return transaction("list trials", c -> StoreQueries.trials(c, study));
  }

  /** Each trial's configuration, by trial number. */
  public java.util.Map<Integer, TrainConfig> configs(String study) {
    return transaction(
        "read trial configurations",
        c -> {
          java.util.Map<Integer, TrainConfig> configs = new java.util.LinkedHashMap<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT t.number, t.config FROM trials t JOIN"
                      + " studies s ON s.id = t.study_id WHERE s.name = ? ORDER BY t.number")) {
            p.setString(1, study);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                configs.put(r.getInt(1), read(r.getString(2)));
              }
            }
          }
          return configs;
        });
  }

  /** Every evaluation of every trial of a study. */
  public List<MetricRow> metrics(String study) {
    return transaction("read metrics", c -> StoreQueries.metrics(c, study));
  }

  /** The number of evaluations recorded for trial {@code number} of a study. */
  public List<Long> steps(String study, int number) {
    return transaction("read metric steps", c -> StoreQueries.steps(c, study, number));
  }

  @Override
  public void close() {
    pool.close();
  }

  private StudyStatus status(Connection c, String study) throws SQLException {
    return StoreQueries.status(c, study);
  }

  private static Optional<Long> studyId(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT id FROM studies WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  private static int maxNumber(Connection c, long studyId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT COALESCE(MAX(number), -1) FROM trials WHERE study_id = ?")) {
      p.setLong(1, studyId);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  /** Runs {@code sql} with {@code args} (nulls allowed); returns the number of rows changed. */
  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          p.setNull(i + 1, Types.DOUBLE);
        } else if (a instanceof String s) {
          p.setString(i + 1, s);
        } else if (a instanceof Integer n) {
          p.setInt(i + 1, n);
        } else if (a instanceof Long n) {
          p.setLong(i + 1, n);
        } else if (a instanceof Double d) {
          p.setDouble(i + 1, d);
        } else {
          throw new IllegalArgumentException("unsupported argument " + a.getClass());
        }
      }
      return p.executeUpdate();
    }
  }

  private String write(TrainConfig config) {
    try {
      return json.writeValueAsString(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TrainConfig read(String text) {
    try {
      return json.readValue(text, TrainConfig.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "a stored trial configuration is unreadable: " + e.getMessage(), e);
    }
  }

  /** Work inside one transaction. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  <T> T transaction(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("store " + url.shown() + ": cannot " + what + ": " + message(e), e);
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return StoreUrl.redact(m.lines().findFirst().orElse(m));
  }

  private static Path sqliteFile(StoreUrl url) {
    String file = url.jdbcUrl().substring("jdbc:sqlite:".length());
    return Path.of(file.contains("?") ? file.substring(0, file.indexOf('?')) : file);
  }

  private static void createParent(StoreUrl url) {
    Path parent = sqliteFile(url).toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the directory of " + url.shown() + ": " + e.getMessage(), e);
    }
  }
}
