package io.einstruct.train.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.einstruct.dsl.EinError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint file: the magic {@code EINCKPT1}, a length-prefixed JSON header (format version,
 * {@link RunState}, array names and lengths), then every array's floats. Written atomically, so a
 * crash leaves the previous checkpoint intact.
 */
public final class Checkpoint {
  /** The checkpoint file's name inside a run directory. */
  public static final String FILE = "checkpoint.bin";

  private static final byte[] MAGIC = "EINCKPT1".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT_VERSION = 1;

  private Checkpoint() {}

  /** The header. */
  record Header(int formatVersion, RunState state, List<ArrayEntry> arrays) {}

  /** One saved array. */
  record ArrayEntry(String name, int length) {}

  /**
   * A loaded checkpoint.
   *
   * @param state where the run stood
   * @param values every variable's value by name
   */
  public record Loaded(RunState state, Map<String, float[]> values) {}

  /** Saves {@code state} and {@code values} to {@code path}. */
  public static void save(Path path, RunState state, Map<String, float[]> values) {
    List<ArrayEntry> arrays = new ArrayList<>();
    values.forEach((name, v) -> arrays.add(new ArrayEntry(name, v.length)));
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        byte[] header = mapper().writeValueAsBytes(new Header(FORMAT_VERSION, state, arrays));
        out.write(MAGIC);
        out.writeInt(header.length);
        out.write(header);
        for (float[] v : values.values()) {
          for (float f : v) {
            out.writeFloat(f);
          }
        }
      }
      AtomicFiles.write(path, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  /** Loads a checkpoint; a missing or corrupt file is an {@link EinError} naming it. */
  public static Loaded load(Path path) {
    byte[] all;
    try {
      all = Files.readAllBytes(path);
    } catch (IOException e) {
      throw EinError.of(path.toString(), "cannot read the checkpoint: " + e.getMessage());
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw EinError.of(path.toString(), "not an einstruct checkpoint (no EINCKPT1 header)");
      }
      byte[] headerBytes = in.readNBytes(in.readInt());
      Header header = mapper().readValue(headerBytes, Header.class);
      if (header.formatVersion() != FORMAT_VERSION) {
        throw EinError.of(
            path.toString(),
            "checkpoint format "
                + header.formatVersion()
                + " is not supported (expected "
                + FORMAT_VERSION
                + ")");
      }
      Map<String, float[]> values = new LinkedHashMap<>();
      for (ArrayEntry entry : header.arrays()) {
        float[] v = new float[entry.length()];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readFloat();
        }
        values.put(entry.name(), v);
      }
      return new Loaded(header.state(), values);
    } catch (IOException e) {
      throw EinError.of(path.toString(), "corrupt checkpoint: " + e.getMessage());
    }
  }

  private static ObjectMapper mapper() {
    return Json.mapper();
  }
}
