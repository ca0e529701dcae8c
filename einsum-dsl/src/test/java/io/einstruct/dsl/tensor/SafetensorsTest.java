package io.einstruct.dsl.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einstruct.dsl.EinError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir Path dir;

  private static List<NamedTensor> tensors() {
    float[] a = new float[2 * 3 * 4];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (i * 0.5 - 3.25);
    }
    return List.of(
        new NamedTensor("blocks.0.fc1.A", new long[] {2, 3, 4}, a),
        new NamedTensor(
            "blocks.0.fc1.B",
            new long[] {3, 2},
            new float[] {1, -2, 3e-8f, 4e8f, Float.MIN_VALUE, -0f}),
        new NamedTensor("scale", new long[] {}, new float[] {0.125f}),
        new NamedTensor("empty", new long[] {0, 5}, new float[0]));
  }

  private Path written() {
    Path file = dir.resolve("w.safetensors");
    Safetensors.write(
        file, tensors(), Map.of("einstruct.structure", "structure btt(...)", "format", "pt"));
    return file;
  }

  /** A reader written from the format's description alone: bytes assembled by hand. */
  @Test
  void anIndependentReaderFindsEveryTensorWhereTheHeaderSays() throws Exception {
    byte[] file = Files.readAllBytes(written());
    long n = 0;
    for (int i = 7; i >= 0; i--) {
      n = (n << 8) | (file[i] & 0xff);
    }
    assertThat(n % 8).as("header padded to 8 bytes").isZero();
    String text = new String(file, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(text).endsWith(" ".repeat((int) (n - text.strip().length())));
    JsonNode header = new ObjectMapper().readTree(text);
    assertThat(header.get("__metadata__").get("einstruct.structure").asText())
        .isEqualTo("structure btt(...)");
    long expectedBegin = 0;
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      names.add(e.getKey());
      NamedTensor want =
          tensors().stream().filter(t -> t.name().equals(e.getKey())).findFirst().orElseThrow();
      assertThat(e.getValue().get("dtype").asText()).isEqualTo("F32");
      List<Long> shape = new ArrayList<>();
      e.getValue().get("shape").forEach(d -> shape.add(d.asLong()));
      assertThat(shape)
          .containsExactly(java.util.Arrays.stream(want.shape()).boxed().toArray(Long[]::new));
      long begin = e.getValue().get("data_offsets").get(0).asLong();
      long end = e.getValue().get("data_offsets").get(1).asLong();
      assertThat(begin).as("no gap before %s", e.getKey()).isEqualTo(expectedBegin);
      expectedBegin = end;
      for (int k = 0; k < want.data().length; k++) {
        int at = (int) (8 + n + begin + 4L * k);
        int bits =
            (file[at] & 0xff)
                | (file[at + 1] & 0xff) << 8
                | (file[at + 2] & 0xff) << 16
                | (file[at + 3] & 0xff) << 24;
        assertThat(Float.floatToRawIntBits(Float.intBitsToFloat(bits)))
            .isEqualTo(Float.floatToRawIntBits(want.data()[k]));
      }
    }
    assertThat(names).containsExactly("blocks.0.fc1.A", "blocks.0.fc1.B", "scale", "empty");
    assertThat(8 + n + expectedBegin).as("nothing after the last tensor").isEqualTo(file.length);
  }

  @Test
  void readsBackWhatItWrote() {
    Safetensors.Contents c = Safetensors.read(written());
    assertThat(c.metadata()).containsEntry("format", "pt");
    assertThat(c.tensors()).hasSize(4);
    for (NamedTensor want : tensors()) {
      NamedTensor got = c.tensor(want.name());
      assertThat(got.shape()).isEqualTo(want.shape());
      assertThat(got.data()).isEqualTo(want.data());
    }
  }

  @Test
  void aDamagedFileIsOneLineNamingIt() throws Exception {
    byte[] good = Files.readAllBytes(written());
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, java.util.Arrays.copyOf(good, good.length - 4));
    assertThatThrownBy(() -> Safetensors.read(cut))
        .isInstanceOf(EinError.class)
        .hasMessageContaining(
            cut + ": tensor 'scale': data_offsets [120, 124) do not hold its 1 F32 values")
        .hasMessageNotContaining("\n");
    Path huge = dir.resolve("huge.safetensors");
    byte[] bad = good.clone();
    bad[7] = 0x7f;
    Files.write(huge, bad);
    assertThatThrownBy(() -> Safetensors.read(huge))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(huge + ": not a safetensors file: a header of ");
    Path i32 = dir.resolve("i32.safetensors");
    Files.write(
        i32,
        new String(good, StandardCharsets.ISO_8859_1)
            .replaceFirst("\"F32\"", "\"I32\"")
            .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Safetensors.read(i32))
        .isInstanceOf(EinError.class)
        .hasMessage(
            i32 + ": tensor 'blocks.0.fc1.A' is I32; einstruct reads F32, F64, F16 and BF16");
  }

  /**
   * Other tools write F64, F16 and BF16: a file written here byte by byte from the format reads
   * back as the same values in 32-bit floats.
   */
  @Test
  void readsTheOtherFloatTypes() throws Exception {
    String header =
        "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[16,26]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[26,30]}}";
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(8 + header.length() + 30)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    b.putDouble(0.1).putDouble(-3e5);
    // binary16: 1, -2, 65504 (the largest), 2^-24 (the smallest subnormal), infinity
    for (int bits : new int[] {0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00}) {
      b.putShort((short) bits);
    }
    // bfloat16: the top half of a float's bits, 1.5 and -0.25
    b.putShort((short) (Float.floatToIntBits(1.5f) >>> 16));
    b.putShort((short) (Float.floatToIntBits(-0.25f) >>> 16));
    Path file = dir.resolve("types.safetensors");
    Files.write(file, b.array());

    Safetensors.Contents c = Safetensors.read(file);

    assertThat(c.tensor("d").data()).containsExactly(0.1f, -3e5f);
    assertThat(c.tensor("h").data())
        .containsExactly(1f, -2f, 65504f, (float) Math.pow(2, -24), Float.POSITIVE_INFINITY);
    assertThat(c.tensor("b").shape()).containsExactly(1, 2);
    assertThat(c.tensor("b").data()).containsExactly(1.5f, -0.25f);
  }

  /** numpy reads the file from the format alone (no safetensors package needed). */
  @Test
  void numpyReadsTheSameValues() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 is absent");
    Process probe =
        new ProcessBuilder(python.toString(), "-c", "import numpy")
            .redirectErrorStream(true)
            .start();
    probe.waitFor(60, TimeUnit.SECONDS);
    Assumptions.assumeTrue(
        probe.exitValue() == 0,
        "skipped: python3-numpy is not installed (apt-get install python3-numpy)");
    String script =
        """
        import json, struct, sys
        import numpy as np
        raw = open(sys.argv[1], 'rb').read()
        (n,) = struct.unpack('<Q', raw[:8])
        header = json.loads(raw[8:8 + n])
        data = raw[8 + n:]
        for name, e in header.items():
            if name == '__metadata__':
                continue
            b, end = e['data_offsets']
            a = np.frombuffer(data[b:end], dtype='<f4').reshape(e['shape'])
            print(name, list(a.shape), repr(float(a.astype(np.float64).sum())))
        """;
    Path py = dir.resolve("read.py");
    Files.writeString(py, script);
    Process p =
        new ProcessBuilder(python.toString(), py.toString(), written().toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    for (NamedTensor t : tensors()) {
      double sum = 0;
      for (float v : t.data()) {
        sum += v;
      }
      String line = out.lines().filter(l -> l.startsWith(t.name() + " ")).findFirst().orElseThrow();
      double got = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      assertThat(got)
          .as(line)
          .isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-3 * Math.max(1, Math.abs(sum))));
    }
  }
}
