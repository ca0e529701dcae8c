package io.einstruct.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextBatchesTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void splitsEachFileNinetyTen() throws IOException {
    TextCorpus corpus =
        TextCorpus.read(List.of(file("a", "0123456789".repeat(10)), file("b", "x".repeat(50))));
    assertThat(corpus.train()).hasSize(90 + 45);
    assertThat(new String(corpus.validation(), StandardCharsets.US_ASCII))
        .isEqualTo("0123456789xxxxx");
  }

  @Test
  void labelsAreTheNextBytesAndBatchesRepeatExactly() throws IOException {
    String text = "abcdefghijklmnopqrstuvwxyz".repeat(20) + "é";
    TextBatches data = new TextBatches(TextCorpus.read(List.of(file("t", text))), 6, 4, 7);
    Batch b = data.batch(3, 5);
    assertThat(b.size()).isEqualTo(4);
    for (int i = 0; i < b.tokens().length; i++) {
      int t = b.tokens()[i];
      assertThat(t).isBetween('a' + 0, 'z' + 0);
      if (i % 6 < 5) {
        assertThat(b.labels()[i]).isEqualTo(b.tokens()[i + 1]);
      }
      assertThat(b.labels()[i]).isEqualTo(t == 'z' ? 'a' : t + 1);
    }
    assertThat(data.batch(3, 5)).usingRecursiveComparison().isEqualTo(b);
    assertThat(data.batch(3, 6).tokens()).isNotEqualTo(b.tokens());
    assertThat(data.shape().text()).isTrue();
    assertThat(data.shape().outputs()).isEqualTo(256);
    assertThat(data.features()).isEqualTo(6);
  }

  @Test
  void validationWindowsDoNotOverlapAndAreBytes() throws IOException {
    byte[] bytes = new byte[4000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    Path f = Files.write(dir.resolve("bin"), bytes);
    TextBatches data = new TextBatches(TextCorpus.read(List.of(f)), 16, 8, 1);
    List<Batch> test = data.test(10);
    int windows = test.stream().mapToInt(Batch::size).sum();
    // 400 validation bytes hold 24 windows of 16 (+1 label)
    assertThat(windows).isEqualTo(24);
    assertThat(test).extracting(Batch::size).containsExactly(10, 10, 4);
    for (Batch b : test) {
      for (int t : b.tokens()) {
        assertThat(t).isBetween(0, 255);
      }
    }
    // the first window starts at the start of the validation text
    assertThat(test.get(0).tokens()[0]).isEqualTo(bytes[3600] & 0xff);
  }

  @Test
  void namesFilesByListDirectoryOrPattern() throws IOException {
    Path a = file("a.py", "a");
    Path b = file("b.py", "b");
    file("c.txt", "c");
    Files.createDirectories(dir.resolve("sub"));
    Path d = Files.writeString(dir.resolve("sub").resolve("d.py"), "d");
    assertThat(TextCorpus.files(dir.resolve("*.py").toString())).containsExactly(a, b);
    assertThat(TextCorpus.files(dir + "/sub," + a)).containsExactly(d, a);
    assertThat(TextCorpus.files(dir.toString())).hasSize(4).startsWith(a).endsWith(d);
    assertThatThrownBy(() -> TextCorpus.files(dir.resolve("*.md").toString()))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("no file matches");
  }

  @Test
  void saysWhatIsMissing() throws IOException {

    Path tiny = file("tiny", "short");
    assertThatThrownBy(() -> new TextBatches(TextCorpus.read(List.of(tiny)), 8, 4, 0))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("do not fill one batch");
    Path empty = file("empty", "");
    assertThatThrownBy(() -> TextCorpus.read(List.of(empty)))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> TextCorpus.read(List.of(dir.resolve("absent"))))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("cannot read");
  }
}
