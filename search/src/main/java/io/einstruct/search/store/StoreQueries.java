package io.einstruct.search.store;

import io.einstruct.train.run.EvalPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The store's read queries. */
final class StoreQueries {
  private StoreQueries() {}

  static StudyStatus status(Connection c, String study) throws SQLException {
    int[] counts = new int[5];
    double seconds = 0;
    int timed = 0;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT t.status, COUNT(*), AVG(t.wall_seconds)"
                + " FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = ? GROUP BY t.status")) {
      p.setString(1, study);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          int n = r.getInt(2);
          switch (r.getString(1)) {
            case "queued" -> counts[0] = n;
            case "running" -> counts[1] = n;
            case "done" -> {
              counts[2] = n;
              seconds = r.getDouble(3);
              timed = n;
            }
            case "failed" -> counts[3] = n;
            case "pruned" -> counts[4] = n;
            default -> throw new IllegalStateException("unknown status " + r.getString(1));
          }
        }
      }
    }
    return new StudyStatus(
        study,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        timed == 0 ? Double.NaN : seconds);
  }

  static List<TrialRow> trials(Connection c, String study) throws SQLException {
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
                  r.getString(2),
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
    List<MetricRow> rows = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT t.number, t.label, t.width, t.lr,"
                + " t.seed, m.step, m.epoch, m.samples, m.train_loss, m.train_error, m.test_loss,"
                + " m.test_error, m.flops, m.wall_seconds, m.lr, m.aux_loss, m.router_perplexity,"
                + " m.router_spread, t.macs, t.head_macs FROM metrics m JOIN trials t"
                + " ON t.id = m.trial_id JOIN studies s ON s.id = t.study_id WHERE s.name = ? ORDER BY"
                + " t.number, m.step")) {
      p.setString(1, study);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          EvalPoint point =
              new EvalPoint(
                  r.getLong(6),
                  r.getDouble(7),
                  r.getLong(8),
                  r.getDouble(9),
                  nullable(r, 10),
                  r.getDouble(11),
                  nullable(r, 12),
                  r.getDouble(13),
                  r.getDouble(14),
                  r.getDouble(15),
                  nullable(r, 16),
                  nullable(r, 17),
                  nullable(r, 18));
          long macs = r.getLong(19);
          Double head = nullable(r, 20);
          double headShare = head == null || macs <= 0 ? Double.NaN : head / macs;
          rows.add(
              new MetricRow(
                  r.getInt(1),
                  r.getString(2),
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
