package io.einstruct.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  /** Writes an IDX file of unsigned bytes, gzipped or not. */
  static void idx(Path file, int[] dims, byte[] data, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x0800 | dims.length);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    }
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(bytes.toByteArray());
    }
  }

  @Test
  void readsPlainAndGzippedFiles() throws IOException {
    byte[] data = {1, 2, 3, 4, 5, (byte) 200};
    idx(dir.resolve("a"), new int[] {3, 2}, data, false);
    idx(dir.resolve("b.gz"), new int[] {3, 2}, data, true);
    for (String name : new String[] {"a", "b.gz"}) {
      IdxReader.IdxArray array = IdxReader.read(dir.resolve(name), 2);
      assertThat(array.dims()).containsExactly(3, 2);
      assertThat(array.data()).containsExactly(data);
    }
  }

  @Test
  void rejectsAWrongMagicNumberNamingThePath() throws IOException {
    Path file = dir.resolve("labels");
    idx(file, new int[] {4}, new byte[4], false);
    assertThatThrownBy(() -> IdxReader.read(file, 3))
        .isInstanceOf(EinError.class)
        .hasMessage(
            file
                + ": not an IDX file of unsigned bytes in 3 dimensions: expected magic "
                + "0x00000803, found 0x00000801");
  }

  @Test
  void rejectsATruncatedFile() throws IOException {
    Path file = dir.resolve("short");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x0801);
      out.writeInt(10);
      out.write(new byte[3]);
    }
    Files.write(file, bytes.toByteArray());
    assertThatThrownBy(() -> IdxReader.read(file, 1))
        .isInstanceOf(EinError.class)
        .hasMessage(file + ": truncated: the header promises more entries than the file holds");
  }

  @Test
  void reportsAMissingDatasetInOneLine() {
    Path missing = dir.resolve("nothing-here");
    assertThatThrownBy(() -> ImageDatasets.idx("fashion-mnist", missing))
        .isInstanceOf(EinError.class)
        .hasMessage(
            missing.resolve("train-images-idx3-ubyte.gz")
                + ": no such file (nor "
                + "train-images-idx3-ubyte); install the data (apt-get install "
                + "dataset-fashion-mnist) or point --data at its directory");
  }
}
