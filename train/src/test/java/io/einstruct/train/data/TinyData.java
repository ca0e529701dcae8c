package io.einstruct.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small datasets in the real file formats, written by tests themselves. */
public final class TinyData {
  private TinyData() {}

  /**
   * An MNIST-format directory with {@code train} and {@code test} 8×8 images of 4 classes whose
   * class is visible in the pixels (brighter rows for higher classes), so models can learn it.
   */
  public static Path mnistLike(Path dir, int train, int test, long seed) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    write(dir, "train", train, random);
    write(dir, "t10k", test, random);
    return dir;
  }

  private static void write(Path dir, String prefix, int n, Random random) throws IOException {
    byte[] pixels = new byte[n * 64];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(4);
      labels[i] = (byte) label;
      for (int p = 0; p < 64; p++) {
        int row = p / 8;
        int bright = (row / 2 == label ? 200 : 20) + random.nextInt(40);
        pixels[i * 64 + p] = (byte) bright;
      }
    }
    IdxReaderTest.idx(
        dir.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {n, 8, 8}, pixels, true);
    IdxReaderTest.idx(dir.resolve(prefix + "-labels-idx1-ubyte"), new int[] {n}, labels, false);
  }

  /** A CIFAR-10 binary directory with {@code perBatch} records in each of its six files. */
  public static Path cifar10(Path dir, int perBatch, long seed) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    for (int b = 1; b <= 5; b++) {
      Files.write(dir.resolve("data_batch_" + b + ".bin"), records(perBatch, 1, 10, random));
    }
    Files.write(dir.resolve("test_batch.bin"), records(perBatch, 1, 10, random));
    return dir;
  }

  /** CIFAR records: label bytes then 3072 pixel bytes each. */
  static byte[] records(int n, int labelBytes, int classes, Random random) {
    int record = labelBytes + 3072;
    byte[] bytes = new byte[n * record];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < labelBytes; l++) {
        bytes[i * record + l] = (byte) random.nextInt(classes);
      }
      for (int p = 0; p < 3072; p++) {
        bytes[i * record + labelBytes + p] = (byte) random.nextInt(256);
      }
    }
    return bytes;
  }
}
