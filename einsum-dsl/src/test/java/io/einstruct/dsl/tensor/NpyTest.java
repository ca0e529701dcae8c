package io.einstruct.dsl.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  /** A version-1 file written byte by byte from the format's description. */
  private Path npy(String name, String descr, boolean fortran, String shape, ByteBuffer data)
      throws Exception {
    String dict =
        "{'descr': '"
            + descr
            + "', 'fortran_order': "
            + (fortran ? "True" : "False")
            + ", 'shape': ("
            + shape
            + "), }";
    // the header is padded with spaces and ends in a newline, 64-byte aligned as numpy writes it
    int total = 10 + dict.length() + 1;
    String padded = dict + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(10 + padded.length() + data.limit()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII));
    b.put(data);
    Path file = dir.resolve(name);
    Files.write(file, b.array());
    return file;
  }

  @Test
  void readsFloat32AndFloat64InEitherOrder() throws Exception {
    ByteBuffer f4 = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6; i++) {
      f4.putFloat(i + 0.5f);
    }
    NamedTensor c = Npy.read(npy("w.npy", "<f4", false, "2, 3", f4.flip()));
    assertThat(c.name()).isEqualTo("w");
    assertThat(c.shape()).containsExactly(2, 3);
    assertThat(c.data()).containsExactly(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f);

    // column-major: the first index runs fastest, so memory holds w[0,0], w[1,0], w[0,1], ...
    ByteBuffer f8 = ByteBuffer.allocate(48).order(ByteOrder.BIG_ENDIAN);
    for (double v : new double[] {0, 3, 1, 4, 2, 5}) {
      f8.putDouble(v);
    }
    NamedTensor f = Npy.read(npy("f.npy", ">f8", true, "2, 3", f8.flip()));
    assertThat(f.data()).containsExactly(0f, 1f, 2f, 3f, 4f, 5f);
  }

  @Test
  void badFilesAreOneLineNamingThem() throws Exception {
    Path ints =
        npy("i.npy", "<i8", false, "2,", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN));
    assertThatThrownBy(() -> Npy.read(ints))
        .isInstanceOf(EinError.class)
        .hasMessage(ints + ": holds i8 values; einstruct reads float32 and float64 arrays");
    Path shortData = npy("s.npy", "<f4", false, "4,", ByteBuffer.allocate(8));
    assertThatThrownBy(() -> Npy.read(shortData))
        .isInstanceOf(EinError.class)
        .hasMessage(shortData + ": holds 8 bytes of data; its shape needs 16");
    Path huge = npy("h.npy", "<f4", false, "4611686018427387904, 4", ByteBuffer.allocate(0));
    assertThatThrownBy(() -> Npy.read(huge))
        .isInstanceOf(EinError.class)
        .hasMessage(huge + ": not a .npy file: its shape (4611686018427387904, 4) is impossible");
    Path text = dir.resolve("t.npy");
    Files.writeString(text, "hello, world");
    assertThatThrownBy(() -> Npy.read(text))
        .isInstanceOf(EinError.class)
        .hasMessage(text + ": not a .npy file: it does not start with \\x93NUMPY");
  }

  /** What numpy itself writes, C and Fortran order, float32 and float64. */
  @Test
  void readsWhatNumpyWrites() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 is absent");
    Process p =
        new ProcessBuilder(
                python.toString(),
                "-c",
                "import numpy as np, sys\n"
                    + "a = np.arange(12, dtype=np.float64).reshape(3, 4) / 8\n"
                    + "np.save(sys.argv[1] + '/c.npy', a.astype(np.float32))\n"
                    + "np.save(sys.argv[1] + '/f.npy', np.asfortranarray(a))\n",
                dir.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    Assumptions.assumeTrue(
        p.exitValue() == 0 || !out.contains("No module named 'numpy'"),
        "skipped: python3-numpy is not installed (apt-get install python3-numpy)");
    assertThat(p.exitValue()).as(out).isZero();
    float[] want = new float[12];
    for (int i = 0; i < 12; i++) {
      want[i] = i / 8f;
    }
    for (String name : new String[] {"c.npy", "f.npy"}) {
      NamedTensor t = Npy.read(dir.resolve(name));
      assertThat(t.shape()).containsExactly(3, 4);
      assertThat(t.data()).containsExactly(want);
    }
  }
}
