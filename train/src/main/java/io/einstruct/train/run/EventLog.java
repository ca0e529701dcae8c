package io.einstruct.train.run;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * TensorBoard's event file of a run, {@code events.out.tfevents.SECONDS.einstruct}: TFRecord
 * framing (length, masked CRC-32C of the length, the {@code Event} proto, its masked CRC-32C), one
 * scalar per metric at every evaluation and the configuration and DSL source as text, so that
 * {@code tensorboard --logdir runs/} shows einstruct runs as any others. A resumed run opens a new
 * file that starts with {@code SessionLog.START} at the resumed step, which tells TensorBoard to
 * drop what the old file wrote after it.
 */
public final class EventLog implements AutoCloseable {
  /** The prefix TensorBoard looks for. */
  public static final String PREFIX = "events.out.tfevents.";

  private static final int MASK_DELTA = 0xa282ead8;

  private final OutputStream out;

  private EventLog(OutputStream out) {
    this.out = out;
  }

  /** A new event file in {@code dir}, its first records written; {@code step} > 0 on resume. */
  public static EventLog open(Path dir, long step, Map<String, String> texts) {
    Path file = dir.resolve(PREFIX + (System.currentTimeMillis() / 1000) + ".einstruct");
    for (int n = 1; Files.exists(file); n++) {
      file = dir.resolve(PREFIX + (System.currentTimeMillis() / 1000) + "." + n + ".einstruct");
    }
    try {
      Files.createDirectories(dir);
      EventLog log =
          new EventLog(
              Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
      log.write(event(0).setFileVersion("brain.Event:2").build());
      if (step > 0) {
        log.write(
            event(step)
                .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START))
                .build());
      }
      Summary.Builder summary = Summary.newBuilder();
      texts.forEach((tag, text) -> summary.addValue(text(tag, text)));
      log.write(event(step).setSummary(summary).build());
      return log;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write TensorBoard events in " + dir, e);
    }
  }

  /** One evaluation: every metric it has, as scalars at its step. */
  public void evaluated(EvalPoint p) {
    Map<String, Double> scalars = new LinkedHashMap<>();
    scalars.put("loss/train", p.trainLoss());
    scalars.put("loss/test", p.testLoss());
    scalars.put("error/train", p.trainError());
    scalars.put("error/test", p.testError());
    scalars.put("learning_rate", p.lr());
    scalars.put("compute/flops", p.flops());
    scalars.put("compute/wall_seconds", p.wallSeconds());
    scalars.put("router/aux_loss", p.auxLoss());
    scalars.put("router/perplexity", p.routerPerplexity());
    scalars.put("router/spread", p.routerSpread());
    Summary.Builder summary = Summary.newBuilder();
    scalars.forEach(
        (tag, v) -> {
          if (v != null) {
            summary.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(v.floatValue()));
          }
        });
    try {
      write(event(p.step()).setSummary(summary).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append TensorBoard events: " + e.getMessage(), e);
    }
  }

  private static Event.Builder event(long step) {
    return Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step);
  }

  /** A text summary, as TensorBoard's text plugin reads it: a string tensor of one element. */
  private static Summary.Value text(String tag, String text) {
    return Summary.Value.newBuilder()
        .setTag(tag)
        .setMetadata(
            SummaryMetadata.newBuilder()
                .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName("text")))
        .setTensor(
            TensorProto.newBuilder()
                .setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.newBuilder())
                .addStringVal(ByteString.copyFrom(text, StandardCharsets.UTF_8)))
        .build();
  }

  private void write(Event event) throws IOException {
    byte[] data = event.toByteArray();
    byte[] length =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    out.write(length);
    out.write(crc(length));
    out.write(data);
    out.write(crc(data));
    out.flush();
  }

  /** The masked CRC-32C of {@code bytes}, little-endian, as TFRecord frames it. */
  static byte[] crc(byte[] bytes) {
    return ByteBuffer.allocate(4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(mask(crc32c(bytes)))
        .array();
  }

  static int crc32c(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes);
    return (int) c.getValue();
  }

  /** TFRecord's mask, so that a CRC of data holding CRCs stays well distributed. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close TensorBoard events: " + e.getMessage(), e);
    }
  }
}
