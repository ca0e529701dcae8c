package io.einstruct.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/** Event files read back as TensorBoard reads them: framing, checksums, protos, values. */
class EventLogTest {
  @TempDir Path dir;

  /**
   * Every record of an event file, each frame's checksums verified with a CRC-32C written here from
   * its definition (reflected polynomial 0x82F63B78), not the writer's.
   */
  static List<Event> read(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(raw)) {
      while (in.available() > 0) {
        byte[] length = in.readNBytes(8);
        assertThat(littleInt(in.readNBytes(4))).isEqualTo(masked(length));
        long n = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = in.readNBytes((int) n);
        assertThat(littleInt(in.readNBytes(4))).isEqualTo(masked(data));
        events.add(Event.parseFrom(data));
      }
    }
    return events;
  }

  /** The one event file of a run directory. */
  static Path only(Path runDir) throws IOException {
    try (Stream<Path> files = Files.list(runDir)) {
      List<Path> events =
          files.filter(f -> f.getFileName().toString().startsWith(EventLog.PREFIX)).toList();
      assertThat(events).hasSize(1);
      return events.get(0);
    }
  }

  private static int littleInt(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static int masked(byte[] bytes) {
    int crc = 0xFFFFFFFF;
    for (byte b : bytes) {
      crc ^= b & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
      }
    }
    crc = ~crc;
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  private static EvalPoint point(long step, double loss) {
    return new EvalPoint(
        step,
        step / 10.0,
        step * 8,
        loss,
        0.25,
        loss + 0.5,
        null,
        1e6 * step,
        1.5,
        1e-3,
        null,
        2.5,
        null);
  }

  @Test
  void writesFramedEventsTensorBoardCanRead() throws IOException {
    try (EventLog log = EventLog.open(dir, 0, Map.of("structure", "structure s(d_in, d_out) {}"))) {
      log.evaluated(point(10, 1.0));
      log.evaluated(point(20, 0.75));
    }
    List<Event> events = read(only(dir));
    assertThat(events).hasSize(4);
    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    Summary.Value text = events.get(1).getSummary().getValue(0);
    assertThat(text.getTag()).isEqualTo("structure");
    assertThat(text.getMetadata().getPluginData().getPluginName()).isEqualTo("text");
    assertThat(text.getTensor().getStringVal(0).toString(StandardCharsets.UTF_8))
        .isEqualTo("structure s(d_in, d_out) {}");
    Event second = events.get(3);
    assertThat(second.getStep()).isEqualTo(20);
    assertThat(second.getSummary().getValueList())
        .extracting(Summary.Value::getTag)
        .containsExactly(
            "loss/train",
            "loss/test",
            "error/train",
            "learning_rate",
            "compute/flops",
            "compute/wall_seconds",
            "router/perplexity");
    assertThat(second.getSummary().getValue(0).getSimpleValue()).isEqualTo(0.75f);
    assertThat(second.getSummary().getValue(1).getSimpleValue()).isEqualTo(1.25f);
  }

  @Test
  void aResumedRunStartsItsFileWithASessionStartAtItsStep() throws IOException {
    try (EventLog log = EventLog.open(dir, 40, Map.of())) {
      log.evaluated(point(50, 0.5));
    }
    List<Event> events = read(only(dir));
    assertThat(events.get(1).getSessionLog().getStatus()).isEqualTo(SessionLog.SessionStatus.START);
    assertThat(events.get(1).getStep()).isEqualTo(40);
    assertThat(events.get(3).getStep()).isEqualTo(50);
  }
}
