package io.einstruct.dsl.tensor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einstruct.dsl.EinError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes safetensors files of 32-bit floats: {@code u64} header length (little-endian),
 * the JSON header ({@code "__metadata__"}: string → string; each tensor: {@code dtype}, {@code
 * shape}, {@code data_offsets} [begin, end) into the data that follows), padded with spaces to a
 * multiple of 8 bytes, then every tensor's little-endian bytes in order, without gaps.
 */
public final class Safetensors {
  /** What a file holds: its tensors in file order and its metadata. */
  public record Contents(List<NamedTensor> tensors, Map<String, String> metadata) {
    /** The tensor called {@code name}. */
    public NamedTensor tensor(String name) {
      return tensors.stream()
          .filter(t -> t.name().equals(name))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no tensor '" + name + "'; there are " + tensors.size()));
    }
  }

  /** A header bigger than this is not a weights file but a mistake (or an attack). */
  static final long MAX_HEADER = 100L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Safetensors() {}

  /** Writes {@code tensors} and {@code metadata} to {@code path}, atomically. */
  public static void write(Path path, List<NamedTensor> tensors, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (NamedTensor t : tensors) {
      if (header.has(t.name())) {
        throw new IllegalArgumentException("two tensors are called " + t.name());
      }
      ObjectNode entry = header.putObject(t.name());
      entry.put("dtype", "F32");
      var shape = entry.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      long end = offset + 4L * t.data().length;
      entry.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(header);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int padded = (json.length + 7) / 8 * 8;
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
      head.putLong(padded).put(json);
      while (head.hasRemaining()) {
        head.put((byte) ' ');
      }
      head.flip();
      writeFully(out, head);
      for (NamedTensor t : tensors) {
        float[] data = t.data();
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
          if (!chunk.hasRemaining()) {
            chunk.flip();
            writeFully(out, chunk);
            chunk.clear();
          }
          chunk.putFloat(v);
        }
        chunk.flip();
        writeFully(out, chunk);
      }
      out.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    try {
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  /**
   * Reads a file of floating-point tensors (F32, or F64, F16 and BF16 converted to 32-bit floats,
   * as other tools write them); any other dtype, or a malformed file, is an error naming it.
   */
  public static Contents read(Path path) {
    String where = path.toString();
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = in.size();
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(in, len, where);
      long n = len.flip().getLong();
      if (n < 2 || n > MAX_HEADER || 8 + n > size) {
        throw EinError.of(
            where, "not a safetensors file: a header of " + n + " bytes in a file of " + size);
      }
      ByteBuffer head = ByteBuffer.allocate((int) n);
      readFully(in, head, where);
      JsonNode header;
      try {
        header = JSON.readTree(new String(head.array(), StandardCharsets.UTF_8).strip());
      } catch (JsonProcessingException e) {
        throw EinError.of(where, "not a safetensors file: its header is not JSON");
      }
      if (header == null || !header.isObject()) {
        throw EinError.of(where, "not a safetensors file: its header is not a JSON object");
      }
      long dataSize = size - 8 - n;
      Map<String, String> metadata = new LinkedHashMap<>();
      List<NamedTensor> tensors = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          e.getValue()
              .fields()
              .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
          continue;
        }
        tensors.add(tensor(in, where, e.getKey(), e.getValue(), 8 + n, dataSize));
      }
      return new Contents(tensors, metadata);
    } catch (IOException e) {
      throw EinError.of(where, "cannot read: " + e.getMessage());
    }
  }

  private static NamedTensor tensor(
      FileChannel in, String where, String name, JsonNode entry, long base, long dataSize)
      throws IOException {
    String dtype = entry.path("dtype").asText("");
    int width =
        switch (dtype) {
          case "F32" -> 4;
          case "F64" -> 8;
          case "F16", "BF16" -> 2;
          default ->
              throw EinError.of(
                  where,
                  "tensor '"
                      + name
                      + "' is "
                      + (dtype.isEmpty() ? "of no dtype" : dtype)
                      + "; einstruct reads F32, F64, F16 and BF16");
        };
    JsonNode shapeNode = entry.path("shape");
    JsonNode offsets = entry.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw EinError.of(where, "tensor '" + name + "' has no shape or data_offsets");
    }
    long[] shape = new long[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong(-1);
      if (shape[i] < 0) {
        throw EinError.of(where, "tensor '" + name + "' has a negative dimension");
      }
      count = Math.multiplyExact(count, shape[i]);
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    if (begin < 0 || end < begin || end > dataSize || end - begin != width * count) {
      throw EinError.of(
          where,
          "tensor '"
              + name
              + "': data_offsets ["
              + begin
              + ", "
              + end
              + ") do not hold its "
              + count
              + " "
              + dtype
              + " values within the "
              + dataSize
              + " bytes of data");
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw EinError.of(where, "tensor '" + name + "' is too large for one array");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
    in.position(base + begin);
    readFully(in, bytes, where);
    bytes.flip();
    float[] data = new float[(int) count];
    switch (dtype) {
      case "F32" -> bytes.asFloatBuffer().get(data);
      case "F64" -> {
        for (int i = 0; i < data.length; i++) {
          data[i] = (float) bytes.getDouble();
        }
      }
      case "BF16" -> {
        for (int i = 0; i < data.length; i++) {
          data[i] = Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
        }
      }
      default -> {
        for (int i = 0; i < data.length; i++) {
          data[i] = half(bytes.getShort());
        }
      }
    }
    return new NamedTensor(name, shape, data);
  }

  /** An IEEE 754 binary16 value (Java 17 has no {@code Float.float16ToFloat}). */
  static float half(short bits) {
    int sign = (bits >>> 15) & 1;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    float magnitude;
    if (exponent == 0) {
      magnitude = mantissa * 0x1p-24f;
    } else if (exponent == 31) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      magnitude = Float.intBitsToFloat(((exponent + 112) << 23) | (mantissa << 13));
    }
    return sign == 1 ? -magnitude : magnitude;
  }

  private static void readFully(FileChannel in, ByteBuffer b, String where) throws IOException {
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        throw EinError.of(where, "not a safetensors file: it ends early");
      }
    }
  }
}
