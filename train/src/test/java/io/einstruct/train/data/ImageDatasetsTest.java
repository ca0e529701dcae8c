package io.einstruct.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.EinError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetsTest {
  @TempDir Path dir;

  @Test
  void readsCifar10BinaryBatches() throws IOException {
    Split split = ImageDatasets.cifar(TinyData.cifar10(dir, 3, 1), 10);
    assertThat(split.train().size()).isEqualTo(15);
    assertThat(split.test().size()).isEqualTo(3);
    assertThat(split.train().features()).isEqualTo(3072);
    byte[] first = Files.readAllBytes(dir.resolve("data_batch_1.bin"));
    assertThat(split.train().labels()[0]).isEqualTo(first[0]);
    assertThat(split.train().pixels()[0]).isEqualTo(first[1]);
    // uniform random bytes: channel means near 0.5, shared with the test set
    assertThat(split.train().mean()[2]).isCloseTo(0.5, within(0.02));
    assertThat(split.test().mean()).containsExactly(split.train().mean());
  }

  @Test
  void readsCifar100FineLabels() throws IOException {
    Random random = new Random(2);
    byte[] train = TinyData.records(4, 2, 100, random);
    Files.write(dir.resolve("train.bin"), train);
    Files.write(dir.resolve("test.bin"), TinyData.records(2, 2, 100, random));
    Split split = ImageDatasets.cifar(dir, 100);
    assertThat(split.train().labels()[1]).isEqualTo(train[3074 + 1] & 0xff);
    assertThat(split.train().classes()).isEqualTo(100);
  }

  @Test
  void rejectsAFileThatIsNotWholeRecords() throws IOException {
    TinyData.cifar10(dir, 2, 3);
    Path bad = dir.resolve("data_batch_3.bin");
    Files.write(bad, new byte[100]);
    assertThatThrownBy(() -> ImageDatasets.cifar(dir, 10))
        .isInstanceOf(EinError.class)
        .hasMessage(
            bad
                + ": not a CIFAR-10 binary file: expected a multiple of 3073 bytes "
                + "(1 label byte + 3072 pixels per image), found 100");
  }

  @Test
  void readsFashionMnistFromTheDebianPackage() {
    Split split = ImageDatasets.idx("fashion-mnist", ImageDatasets.FASHION_MNIST);
    assertThat(split.train().size()).isEqualTo(60000);
    assertThat(split.test().size()).isEqualTo(10000);
    assertThat(split.train().classes()).isEqualTo(10);
    assertThat(split.train().mean()[0]).isCloseTo(0.286, within(0.001));
    assertThat(split.train().std()[0]).isCloseTo(0.353, within(0.001));
  }
}
