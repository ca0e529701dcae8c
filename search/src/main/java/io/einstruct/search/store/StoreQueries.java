package io.einstruct.search.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.Json;
import io.einstruct.train.run.ModelConfig;
import io.einstruct.train.run.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The store's read queries. */
final class StoreQueries {
  private static final ObjectMapper JSON = Json.mapper();

  private StoreQueries() {}

  static StudyStatus status(Connection c, String study) throws SQLException {
    int[] counts = new int[TrialStatus.values().length];
    double seconds = 0;
    int timed = 0;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT t.status, COUNT(*), AVG(t.wall_seconds)"
                + " FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = ? GROUP BY t.status")) {
      p.setString(1, study);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          TrialStatus status = TrialStatus.of(r.getString(1));
          counts[status.ordinal()] = r.getInt(2);
          if (status == TrialStatus.DONE) {
            seconds = r.getDouble(3);
            timed = r.getInt(2);
          }
        }
      }
    }
    return new StudyStatus(
        study,
        counts[TrialStatus.QUEUED.ordinal()],
        counts[TrialStatus.RUNNING.ordinal()],
        counts[TrialStatus.DONE.ordinal()],
        counts[TrialStatus.FAILED.ordinal()],
        counts[TrialStatus.PRUNED.ordinal()],
        timed == 0 ? Double.NaN : seconds,
        counts[TrialStatus.CANCELLED.ordinal()]);
  }

  /**
   * Each trial's label as tables and fits show it: the structure's label, with the first six hex
   * digits of its source's SHA-256 appended ({@code tt3@3a59c1}) when the study holds trials of
   * that label with different sources, so that two versions of one structure are never pooled.
   */
  static Map<Integer, String> labels(Connection c, String study) throws SQLException {
    Map<Integer, String> labels = new LinkedHashMap<>();
    Map<Integer, String> shas = new HashMap<>();
    Map<String, Set<String>> versions = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT t.number, t.label, t.config FROM trials t JOIN studies s ON s.id ="
                + " t.study_id WHERE s.name = ? ORDER BY t.number")) {
      p.setString(1, study);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          int number = r.getInt(1);
          String label = r.getString(2);
          String sha = sourceSha(r.getString(3));
          labels.put(number, label);
          shas.put(number, sha);
          versions.computeIfAbsent(label, k -> new TreeSet<>()).add(sha);
        }
      }
    }
    labels.replaceAll(
        (number, label) ->
            versions.get(label).size() > 1
                ? label + "@" + shas.get(number).substring(0, 6)
                : label);
    return labels;
  }

  /** The SHA-256 of the structure source a stored trial configuration carries. */
  static String sourceSha(String config) {
    String source;
    try {
      ModelConfig m = JSON.readValue(config, TrainConfig.class).model();
      source = m.source() != null ? m.source() : m.structure();
    } catch (java.io.IOException e) {
      source = config;
    }
    return Hashing.sha256().hashString(source, StandardCharsets.UTF_8).toString();
  }

  static List<TrialRow> trials(Connection c, String study) throws SQLException {
    Map<Integer, String> labels = labels(c, study);
    List<TrialRow> rows = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT t.number, t.label, t.width, t.lr,"
                + " t.seed, t.params, t.macs, t.flops_estimate, t.status, t.worker, t.attempts, t.error,"
                + " t.final_train_loss, t.final_test_loss, t.final_test_error, t.final_flops,"
                + " t.wall_seconds, t.run_host, t.run_cores, t.run_threads, t.run_workers"
                + " FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = ?"
                + " ORDER BY t.number")) {
      p.setString(1, study);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(
              new TrialRow(
                  r.getInt(1),
                  labels.get(r.getInt(1)),
                  r.getInt(3),
                  r.getDouble(4),
                  r.getLong(5),
                  r.getLong(6),
                  r.getLong(7),
                  r.getDouble(8),
                  r.getString(9),
                  r.getString(10),
                  r.getInt(11),
                  r.getString(12),
                  nullable(r, 13),
                  nullable(r, 14),
                  nullable(r, 15),
                  nullable(r, 16),
                  nullable(r, 17),
                  environment(r, 18)));
        }
      }
    }
    return rows;
  }

  private static RunEnvironment environment(ResultSet r, int first) throws SQLException {
    String host = r.getString(first);
    return host == null
        ? null
        : new RunEnvironment(host, r.getInt(first + 1), r.getInt(first + 2), r.getInt(first + 3));
  }

  static List<MetricRow> metrics(Connection c, String study) throws SQLException {
    Map<Integer, String> labels = labels(c, study);
    List<MetricRow> rows = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT t.number, t.label, t.width, t.lr, t.seed, "
                + POINT
                + ", t.macs, t.head_macs FROM metrics m JOIN trials t"
                + " ON t.id = m.trial_id JOIN studies s ON s.id = t.study_id WHERE s.name = ? ORDER BY"
                + " t.number, m.step")) {
      p.setString(1, study);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          EvalPoint point = point(r, 6);
          long macs = r.getLong(19);
          Double head = nullable(r, 20);
          double headShare = head == null || macs <= 0 ? Double.NaN : head / macs;
          rows.add(
              new MetricRow(
                  r.getInt(1),
                  labels.get(r.getInt(1)),
                  r.getInt(3),
                  r.getDouble(4),
                  r.getLong(5),
                  point,
                  headShare));
        }
      }
    }
    return rows;
  }

  /** The columns of an evaluation, in the order {@link #point} reads them. */
  private static final String POINT =
      "m.step, m.epoch, m.samples, m.train_loss, m.train_error, m.test_loss, m.test_error,"
          + " m.flops, m.wall_seconds, m.lr, m.aux_loss, m.router_perplexity, m.router_spread";

  /** The evaluation whose {@link #POINT} columns start at {@code first}. */
  private static EvalPoint point(ResultSet r, int first) throws SQLException {
    int i = first;
    return new EvalPoint(
        r.getLong(i),
        r.getDouble(i + 1),
        r.getLong(i + 2),
        r.getDouble(i + 3),
        nullable(r, i + 4),
        r.getDouble(i + 5),
        nullable(r, i + 6),
        r.getDouble(i + 7),
        r.getDouble(i + 8),
        r.getDouble(i + 9),
        nullable(r, i + 10),
        nullable(r, i + 11),
        nullable(r, i + 12));
  }

  static List<EvalPoint> points(Connection c, long trialId) throws SQLException {
    List<EvalPoint> points = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT " + POINT + " FROM metrics m WHERE m.trial_id = ? ORDER BY m.step")) {
      p.setLong(1, trialId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          points.add(point(r, 1));
        }
      }
    }
    return points;
  }

  static List<Long> steps(Connection c, String study, int number) throws SQLException {
    List<Long> steps = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT m.step FROM metrics m JOIN trials t ON"
                + " t.id = m.trial_id JOIN studies s ON s.id = t.study_id WHERE s.name = ? AND t.number ="
                + " ? ORDER BY m.step")) {
      p.setString(1, study);
      p.setInt(2, number);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          steps.add(r.getLong(1));
        }
      }
    }
    return steps;
  }

  private static Double nullable(ResultSet r, int column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? null : v;
  }
}
