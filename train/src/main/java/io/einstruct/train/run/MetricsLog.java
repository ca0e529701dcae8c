package io.einstruct.train.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metrics.jsonl}: one JSON object per evaluation, appended as they happen. On resume the
 * points after the checkpoint are dropped (atomically), since they will be made again.
 */
public final class MetricsLog {
  private final Path path;
  private final ObjectMapper mapper =
      Json.mapper().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

  public MetricsLog(Path path) {
    this.path = path;
  }

  /** Appends one point and forces it to disk. */
  public void append(EvalPoint point) {
    try {
      byte[] line = (mapper.writeValueAsString(point) + "\n").getBytes(StandardCharsets.UTF_8);
      Files.write(
          path,
          line,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + path + ": " + e.getMessage(), e);
    }
  }

  /** Every point in the file. */
  public List<EvalPoint> read() {
    List<EvalPoint> points = new ArrayList<>();
    if (!Files.exists(path)) {
      return points;
    }
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      // a line without its newline was torn by a kill mid-append: it was never committed
      int end = text.lastIndexOf('\n') + 1;
      for (String line : text.substring(0, end).split("\n")) {
        if (!line.isBlank()) {
          points.add(mapper.readValue(line, EvalPoint.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return points;
  }

  /** Keeps only the points at or before {@code step}. */
  public void truncateAfter(long step) {
    try {
      StringBuilder kept = new StringBuilder();
      for (EvalPoint p : read()) {
        if (p.step() <= step) {
          kept.append(mapper.writeValueAsString(p)).append('\n');
        }
      }
      AtomicFiles.write(path, kept.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + path + ": " + e.getMessage(), e);
    }
  }
}
