package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.train.data.IdxReader;
import io.einstruct.train.data.ImageBatches;
import io.einstruct.train.data.ImageData;
import io.einstruct.train.run.DataSource;
import io.einstruct.train.run.TrainedRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct predict}: an image model's top classes for images. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Classify images with an image run (MLP or ViT): a PNG, or an IDX file of images as"
          + " Fashion-MNIST ships them; prints each image's most likely classes. Images must have"
          + " the size the run trained on (no resizing).",
      "",
      "Example: einstruct predict runs/btt-w256-s0 --input shoe.png --top 3"
    })
final class PredictCommand implements Callable<Integer> {
  /** Fashion-MNIST's classes, by label. */
  static final List<String> FASHION =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Images printed from an IDX file at most, unless --limit says otherwise. */
  private static final int DEFAULT_LIMIT = 10;

  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run directory of einstruct train.")
  Path run;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "A PNG (or other image ImageIO reads), or an IDX file of unsigned-byte images.")
  Path input;

  @Option(
      names = "--top",
      defaultValue = "3",
      paramLabel = "K",
      description = "Classes shown per image (3).")
  int top;

  @Option(
      names = "--limit",
      defaultValue = "10",
      paramLabel = "N",
      description = "Images of an IDX file classified, from the first (10).")
  int limit = DEFAULT_LIMIT;

  @Override
  public Integer call() {
    if (top < 1) {
      throw EinError.of("--top", "must be at least 1, got " + top);
    }
    if (limit < 1) {
      throw EinError.of("--limit", "must be at least 1, got " + limit);
    }
    if (!Files.isRegularFile(input)) {
      throw EinError.of("--input", input + " is not a file");
    }
    if (!Files.isDirectory(run)) {
      throw EinError.of(run.toString(), "no such run directory");
    }
    try (TrainedRun trained = TrainedRun.open(main.library(), run)) {
      if (!(trained.data() instanceof ImageBatches images)) {
        throw EinError.of(run.toString(), "was not trained on images; predict needs an image run");
      }
      var shape = trained.data().shape().image();
      ImageData data = read(input, shape.channels(), limit);
      float[] logits;
      try {
        logits = trained.model().outputs(images.examples(data));
      } catch (IllegalArgumentException e) {
        throw EinError.of("--input", e.getMessage());
      }
      int classes = trained.data().outputs();
      List<String> names =
          trained.config().data().source().kind() == DataSource.Kind.FASHION_MNIST && classes == 10
              ? FASHION
              : null;
      var out = spec.commandLine().getOut();
      for (int i = 0; i < data.size(); i++) {
        double[] p = softmax(logits, i * classes, classes);
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
          order.add(k);
        }
        order.sort((a, b) -> Double.compare(p[b], p[a]));
        StringBuilder line =
            new StringBuilder(data.size() == 1 ? input.getFileName().toString() : "image " + i);
        line.append(':');
        for (int k = 0; k < Math.min(top, classes); k++) {
          int c = order.get(k);
          line.append(
              String.format(
                  Locale.ROOT,
                  "  %s %.1f%%",
                  names != null ? names.get(c) + " (" + c + ")" : "class " + c,
                  100 * p[c]));
        }
        out.println(line);
      }
      out.flush();
    }
    return Main.OK;
  }

  private static double[] softmax(float[] logits, int at, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, logits[at + k]);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      p[k] = Math.exp(logits[at + k] - max);
      sum += p[k];
    }
    for (int k = 0; k < n; k++) {
      p[k] /= sum;
    }
    return p;
  }

  /** The images of {@code file}: an IDX array of [n, rows, cols] bytes, or one picture. */
  static ImageData read(Path file, int channels, int limit) {
    byte[] head = new byte[4];
    try (var in = Files.newInputStream(file)) {
      in.readNBytes(head, 0, 4);
    } catch (IOException e) {
      throw EinError.of("--input", "cannot read " + file + ": " + e.getMessage());
    }
    boolean gzip = (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    if (gzip || (head[0] == 0 && head[1] == 0 && head[2] == 0x08)) {
      if (channels != 1) {
        throw EinError.of(
            "--input", file + " holds grey images; the run takes " + channels + " channels");
      }
      IdxReader.IdxArray a = IdxReader.read(file, 3);
      int n = Math.min(limit, a.dims()[0]);
      int h = a.dims()[1];
      int w = a.dims()[2];
      byte[] pixels = java.util.Arrays.copyOf(a.data(), n * h * w);
      return new ImageData(
          file.getFileName().toString(),
          pixels,
          new int[n],
          1,
          1,
          h,
          w,
          new double[1],
          new double[1]);
    }
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw EinError.of("--input", "cannot read " + file + ": " + e.getMessage());
    }
    if (image == null) {
      throw EinError.of("--input", file + " is neither an IDX file nor an image ImageIO reads");
    }
    int h = image.getHeight();
    int w = image.getWidth();
    byte[] pixels = new byte[channels * h * w];
    // a grey image's samples as stored: getRGB would pass them through a gamma conversion
    boolean grey =
        image.getRaster().getNumBands() == 1 && image.getColorModel().getPixelSize() == 8;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = grey ? 0 : image.getRGB(x, y);
        int sample = grey ? image.getRaster().getSample(x, y, 0) : 0;
        int r = grey ? sample : (rgb >> 16) & 0xff;
        int g = grey ? sample : (rgb >> 8) & 0xff;
        int b = grey ? sample : rgb & 0xff;
        if (channels == 1) {
          pixels[y * w + x] = (byte) (grey ? r : Math.round(0.299 * r + 0.587 * g + 0.114 * b));
        } else {
          int[] v = {r, g, b};
          for (int c = 0; c < channels; c++) {
            pixels[(c * h + y) * w + x] = (byte) v[Math.min(c, 2)];
          }
        }
      }
    }
    return new ImageData(
        file.getFileName().toString(),
        pixels,
        new int[1],
        1,
        channels,
        h,
        w,
        new double[channels],
        new double[channels]);
  }
}
