package io.einstruct.dsl.tensor;

import io.einstruct.dsl.EinError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numpy's {@code .npy} files of floats (the format of {@code numpy.save}: the magic {@code
 * \x93NUMPY}, a version, a little-endian header length — 2 bytes in version 1, 4 in versions 2 and
 * 3 — a Python dict literal with {@code descr}, {@code fortran_order} and {@code shape}, then the
 * data). float32 and float64 in either byte order and either memory order are read; the values come
 * back as 32-bit floats in row-major order.
 */
public final class Npy {
  private Npy() {}

  /** Files larger than this are refused before any is read. */
  public static final long MAX_BYTES = 1L << 31;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Whether {@code path} starts as a {@code .npy} file does. */
  public static boolean is(Path path) {
    try (var in = Files.newInputStream(path)) {
      return java.util.Arrays.equals(MAGIC, in.readNBytes(MAGIC.length));
    } catch (IOException e) {
      return false;
    }
  }

  /** The array in {@code path}, named after the file without {@code .npy}. */
  public static NamedTensor read(Path path) {
    String where = path.toString();
    byte[] bytes;
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw EinError.of(where, "is larger than " + (MAX_BYTES >> 20) + " MiB");
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw EinError.of(where, "cannot read: " + e.getMessage());
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !java.util.Arrays.equals(MAGIC, 0, 6, bytes, 0, 6)) {
      throw EinError.of(where, "not a .npy file: it does not start with \\x93NUMPY");
    }
    int major = bytes[6];
    b.position(8);
    long headerLength;
    if (major == 1) {
      headerLength = b.getShort() & 0xffff;
    } else if (major == 2 || major == 3) {
      headerLength = b.getInt() & 0xffffffffL;
    } else {
      throw EinError.of(where, "a .npy file of version " + major + ", which einstruct cannot read");
    }
    int start = b.position();
    if (start + headerLength > bytes.length) {
      throw EinError.of(where, "not a .npy file: its header runs past the end");
    }
    String header =
        new String(bytes, start, (int) headerLength, StandardCharsets.ISO_8859_1).strip();
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeText = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeText.find()) {
      throw EinError.of(where, "not a .npy file: its header is " + header);
    }
    String kind = descr.group(2);
    int width = Integer.parseInt(descr.group(3));
    if (!kind.equals("f") || (width != 4 && width != 8)) {
      throw EinError.of(
          where,
          "holds "
              + descr.group(2)
              + descr.group(3)
              + " values; einstruct reads float32 and float64 arrays");
    }
    long[] shape = shape(where, shapeText.group(1));
    long count = 1;
    for (long d : shape) {
      if (d < 0 || (d > 0 && count > Long.MAX_VALUE / 8 / d)) {
        throw EinError.of(
            where, "not a .npy file: its shape (" + shapeText.group(1) + ") is impossible");
      }
      count *= d;
    }
    int data = start + (int) headerLength;
    if (bytes.length - data != count * width) {
      throw EinError.of(
          where,
          "holds " + (bytes.length - data) + " bytes of data; its shape needs " + count * width);
    }
    ByteBuffer values =
        ByteBuffer.wrap(bytes, data, bytes.length - data)
            .order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    float[] read = new float[(int) count];
    for (int i = 0; i < read.length; i++) {
      read[i] = width == 4 ? values.getFloat() : (float) values.getDouble();
    }
    if (fortran.group(1).equals("True")) {
      read = toRowMajor(read, shape);
    }
    String name = path.getFileName().toString().replaceAll("\\.npy$", "");
    return new NamedTensor(name.isEmpty() ? "array" : name, shape, read);
  }

  private static long[] shape(String where, String text) {
    String[] parts = text.split(",");
    java.util.List<Long> dims = new java.util.ArrayList<>();
    for (String p : parts) {
      if (p.isBlank()) {
        continue;
      }
      try {
        dims.add(Long.parseLong(p.strip()));
      } catch (NumberFormatException e) {
        throw EinError.of(where, "not a .npy file: its shape is (" + text + ")");
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  /** Column-major values (the first index fastest) in row-major order. */
  private static float[] toRowMajor(float[] column, long[] shape) {
    int n = shape.length;
    float[] out = new float[column.length];
    int[] digit = new int[n];
    for (int flat = 0; flat < column.length; flat++) {
      long at = 0;
      long stride = 1;
      for (int i = 0; i < n; i++) {
        at += digit[i] * stride;
        stride *= shape[i];
      }
      out[flat] = column[(int) at];
      for (int i = n - 1; i >= 0; i--) {
        if (++digit[i] < shape[i]) {
          break;
        }
        digit[i] = 0;
      }
    }
    return out;
  }
}
