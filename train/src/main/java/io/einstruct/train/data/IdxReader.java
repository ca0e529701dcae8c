package io.einstruct.train.data;

import io.einstruct.dsl.EinError;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), gzipped or not: a magic number {@code 0x0000TTDD} (type TT =
 * 0x08 for unsigned bytes, DD dimensions), DD big-endian sizes, then the data.
 */
public final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /**
   * An IDX array of unsigned bytes.
   *
   * @param dims the sizes, slowest first
   * @param data the entries, row-major
   */
  public record IdxArray(int[] dims, byte[] data) {}

  /** Reads {@code path}, which must hold unsigned bytes in {@code rank} dimensions. */
  public static IdxArray read(Path path, int rank) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(open(path), 1 << 16))) {
      int magic = in.readInt();
      int type = (magic >>> 8) & 0xff;
      int dims = magic & 0xff;
      if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || dims != rank) {
        throw EinError.of(
            path.toString(),
            String.format(
                "not an IDX file of unsigned bytes in %d"
                    + " dimensions: expected magic 0x%08x, found 0x%08x",
                rank, UNSIGNED_BYTE << 8 | rank, magic));
      }
      int[] sizes = new int[dims];
      long total = 1;
      for (int i = 0; i < dims; i++) {
        sizes[i] = in.readInt();
        if (sizes[i] < 0) {
          throw EinError.of(path.toString(), "negative dimension " + sizes[i] + " in the header");
        }
        total *= sizes[i];
      }
      if (total > Integer.MAX_VALUE - 16) {
        throw EinError.of(path.toString(), "too large: " + total + " entries");
      }
      byte[] data = new byte[(int) total];
      in.readFully(data);
      return new IdxArray(sizes, data);
    } catch (NoSuchFileException e) {
      throw EinError.of(
          path.toString(),
          "no such file; install the data (e.g. apt-get install "
              + "dataset-fashion-mnist) or point --data at its directory");
    } catch (EOFException e) {
      throw EinError.of(
          path.toString(), "truncated: the header promises more entries than the " + "file holds");
    } catch (IOException e) {
      throw EinError.of(path.toString(), "cannot be read: " + e.getMessage());
    }
  }

  /**
   * The sizes in the header of {@code path}, which must hold unsigned bytes in {@code rank}
   * dimensions.
   */
  public static int[] dims(Path path, int rank) {
    try (DataInputStream in = new DataInputStream(open(path))) {
      int magic = in.readInt();
      if (magic != (UNSIGNED_BYTE << 8 | rank)) {
        throw EinError.of(
            path.toString(),
            String.format(
                "not an IDX file of unsigned bytes in %d"
                    + " dimensions: expected magic 0x%08x, found 0x%08x",
                rank, UNSIGNED_BYTE << 8 | rank, magic));
      }
      int[] sizes = new int[rank];
      for (int i = 0; i < rank; i++) {
        sizes[i] = in.readInt();
      }
      return sizes;
    } catch (NoSuchFileException e) {
      throw EinError.of(path.toString(), "no such file");
    } catch (IOException e) {
      throw EinError.of(path.toString(), "cannot be read: " + e.getMessage());
    }
  }

  private static InputStream open(Path path) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(path));
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
  }
}
