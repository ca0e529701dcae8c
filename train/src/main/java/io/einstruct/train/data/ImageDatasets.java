package io.einstruct.train.data;

import io.einstruct.dsl.EinError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loaders for the image datasets einstruct reads from disk. */
public final class ImageDatasets {
  /** Where Debian's dataset-fashion-mnist package installs Fashion-MNIST. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private ImageDatasets() {}

  /**
   * Fashion-MNIST or MNIST from a directory holding {@code train-images-idx3-ubyte[.gz]}, {@code
   * train-labels-idx1-ubyte[.gz]}, {@code t10k-images-idx3-ubyte[.gz]} and {@code
   * t10k-labels-idx1-ubyte[.gz]}.
   */
  public static Split idx(String name, Path dir) {
    ImageData train = idxPart(name, dir, "train");
    ImageData test = idxPart(name, dir, "t10k");
    int classes = Math.max(train.classes(), test.classes());
    double[][] stats = ImageData.statistics(train.pixels(), 1, train.height() * train.width());
    return new Split(
        train.with(classes, stats[0], stats[1]), test.with(classes, stats[0], stats[1]));
  }

  /** The shape of an IDX dataset from its headers and training labels, without its images. */
  public static DataShape idxShape(Path dir) {
    int[] images = IdxReader.dims(find(dir, "train-images-idx3-ubyte"), 3);
    IdxReader.IdxArray labels = IdxReader.read(find(dir, "train-labels-idx1-ubyte"), 1);
    int classes = 0;
    for (byte b : labels.data()) {
      classes = Math.max(classes, (b & 0xff) + 1);
    }
    return DataShape.images(new ImageShape(1, images[1], images[2]), classes, images[0]);
  }

  /** The shape of a CIFAR binary directory from its file sizes. */
  public static DataShape cifarShape(Path dir, int classes) {
    long bytes = 0;
    int record = (classes == 10 ? 1 : 2) + 3072;
    List<String> files =
        classes == 10
            ? List.of(
                "data_batch_1.bin",
                "data_batch_2.bin",
                "data_batch_3.bin",
                "data_batch_4.bin",
                "data_batch_5.bin")
            : List.of("train.bin");
    for (String f : files) {
      try {
        bytes += Files.size(dir.resolve(f));
      } catch (IOException e) {
        throw EinError.of(
            dir.resolve(f).toString(),
            "no such file: a CIFAR binary directory "
                + "holds data_batch_1.bin ... test_batch.bin (CIFAR-10) or train.bin, test.bin "
                + "(CIFAR-100)");
      }
    }
    return DataShape.images(new ImageShape(3, 32, 32), classes, (int) (bytes / record));
  }

  private static ImageData idxPart(String name, Path dir, String prefix) {
    IdxReader.IdxArray images = IdxReader.read(find(dir, prefix + "-images-idx3-ubyte"), 3);
    Path labelPath = find(dir, prefix + "-labels-idx1-ubyte");
    IdxReader.IdxArray labels = IdxReader.read(labelPath, 1);
    int n = images.dims()[0];
    if (labels.dims()[0] != n) {
      throw EinError.of(
          labelPath.toString(),
          "holds " + labels.dims()[0] + " labels, but the " + "images file holds " + n + " images");
    }
    int[] y = new int[n];
    int classes = 0;
    for (int i = 0; i < n; i++) {
      y[i] = labels.data()[i] & 0xff;
      classes = Math.max(classes, y[i] + 1);
    }
    return new ImageData(
        name,
        images.data(),
        y,
        classes,
        1,
        images.dims()[1],
        images.dims()[2],
        new double[] {0},
        new double[] {1});
  }

  /**
   * CIFAR-10 ({@code data_batch_1.bin} … {@code data_batch_5.bin}, {@code test_batch.bin}; one
   * label byte then 3072 pixel bytes per record) or CIFAR-100 ({@code train.bin}, {@code test.bin};
   * a coarse and a fine label byte, the fine one used).
   */
  public static Split cifar(Path dir, int classes) {
    if (classes != 10 && classes != 100) {
      throw new IllegalArgumentException("CIFAR has 10 or 100 classes, not " + classes);
    }
    List<Path> trainFiles = new ArrayList<>();
    Path testFile;
    if (classes == 10) {
      for (int i = 1; i <= 5; i++) {
        trainFiles.add(dir.resolve("data_batch_" + i + ".bin"));
      }
      testFile = dir.resolve("test_batch.bin");
    } else {
      trainFiles.add(dir.resolve("train.bin"));
      testFile = dir.resolve("test.bin");
    }
    String name = "cifar" + classes;
    ImageData train = cifarPart(name, trainFiles, classes);
    double[][] stats = ImageData.statistics(train.pixels(), 3, 1024);
    ImageData test = cifarPart(name, List.of(testFile), classes);
    return new Split(
        train.with(classes, stats[0], stats[1]), test.with(classes, stats[0], stats[1]));
  }

  private static ImageData cifarPart(String name, List<Path> files, int classes) {
    int labelBytes = classes == 10 ? 1 : 2;
    int record = labelBytes + 3072;
    List<byte[]> contents = new ArrayList<>();
    int total = 0;
    for (Path file : files) {
      byte[] bytes = readAll(file);
      if (bytes.length == 0 || bytes.length % record != 0) {
        throw EinError.of(
            file.toString(),
            "not a CIFAR-"
                + classes
                + " binary file: expected a "
                + "multiple of "
                + record
                + " bytes ("
                + labelBytes
                + " label byte"
                + (labelBytes > 1 ? "s" : "")
                + " + 3072 pixels per image), found "
                + bytes.length);
      }
      contents.add(bytes);
      total += bytes.length / record;
    }
    byte[] pixels = new byte[total * 3072];
    int[] labels = new int[total];
    int n = 0;
    for (int f = 0; f < contents.size(); f++) {
      byte[] bytes = contents.get(f);
      for (int r = 0; r < bytes.length / record; r++, n++) {
        int label = bytes[r * record + labelBytes - 1] & 0xff;
        if (label >= classes) {
          throw EinError.of(
              files.get(f).toString(),
              "record "
                  + r
                  + " has label "
                  + label
                  + ", but CIFAR-"
                  + classes
                  + " has labels 0 to "
                  + (classes - 1));
        }
        labels[n] = label;
        System.arraycopy(bytes, r * record + labelBytes, pixels, n * 3072, 3072);
      }
    }
    return new ImageData(name, pixels, labels, classes, 3, 32, 32, new double[3], new double[3]);
  }

  private static Path find(Path dir, String base) {
    Path gz = dir.resolve(base + ".gz");
    if (Files.exists(gz)) {
      return gz;
    }
    Path plain = dir.resolve(base);
    if (Files.exists(plain)) {
      return plain;
    }
    throw EinError.of(
        gz.toString(),
        "no such file (nor "
            + plain.getFileName()
            + "); install "
            + "the data (apt-get install dataset-fashion-mnist) or point --data at its directory");
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw EinError.of(
          file.toString(),
          "no such file: a CIFAR binary directory holds "
              + "data_batch_1.bin ... test_batch.bin (CIFAR-10) or train.bin, test.bin (CIFAR-100)");
    } catch (IOException e) {
      throw EinError.of(file.toString(), "cannot be read: " + e.getMessage());
    }
  }
}
