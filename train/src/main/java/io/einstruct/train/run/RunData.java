package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.train.data.Augmentation;
import io.einstruct.train.data.BatchSource;
import io.einstruct.train.data.DataCache;
import io.einstruct.train.data.DataShape;
import io.einstruct.train.data.ImageBatches;
import io.einstruct.train.data.ImageDatasets;
import io.einstruct.train.data.Loss;
import io.einstruct.train.data.Split;
import io.einstruct.train.data.TeacherTask;
import io.einstruct.train.data.TextBatches;
import io.einstruct.train.data.TextCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The data of a run: its shape, read from file headers, and its batches. */
public final class RunData {
  /** Steps that make one "epoch" of the teacher task, whose data never repeats. */
  public static final long TEACHER_EPOCH = 100;

  private static final int TEACHER_TEST = 2048;

  private RunData() {}

  /** The data a run trains on, loaded afresh. */
  public static BatchSource load(DataConfig d, RunConfig r) {
    return load(d, r, new DataCache());
  }

  /** The data a run trains on, from {@code cache} when it holds it. */
  public static BatchSource load(DataConfig d, RunConfig r, DataCache cache) {
    DataSource source = d.source();
    String key = source.toString();
    Augmentation aug =
        new Augmentation(d.crop(), d.flip(), d.mixup(), d.labelSmoothing(), d.permute());
    return switch (source.kind()) {
      case FASHION_MNIST, MNIST ->
          new ImageBatches(
              cache.get(
                  key, Split.class, () -> ImageDatasets.idx(source.kind().key(), idx(source))),
              r.batch(),
              r.seed(),
              aug);
      case CIFAR10, CIFAR100 ->
          new ImageBatches(
              cache.get(
                  key,
                  Split.class,
                  () -> ImageDatasets.cifar(Path.of(source.location()), classes(source))),
              r.batch(),
              r.seed(),
              aug);
      case TEXT -> {
        List<Path> files = TextCorpus.files(source.location());
        TextCorpus corpus = cache.get(key, TextCorpus.class, () -> TextCorpus.read(files));
        yield new TextBatches(corpus, d.context(), r.batch(), r.seed());
      }
      case TEACHER ->
          new TeacherTask(
              d.teacherInputs(),
              d.teacherWidth(),
              d.teacherDepth(),
              r.batch(),
              TEACHER_EPOCH,
              TEACHER_TEST,
              r.seed());
    };
  }

  /**
   * The shape of a run's data, read from file headers without loading the data; a missing or
   * unreadable file fails here, naming it.
   */
  public static DataShape shape(DataConfig d, RunConfig r) {
    DataSource source = d.source();
    return switch (source.kind()) {
      case FASHION_MNIST, MNIST -> ImageDatasets.idxShape(idx(source));
      case CIFAR10, CIFAR100 ->
          ImageDatasets.cifarShape(Path.of(source.location()), classes(source));
      case TEACHER ->
          DataShape.vectors(d.teacherInputs(), 1, (int) (TEACHER_EPOCH * r.batch()), Loss.MSE);
      case TEXT -> {
        if (d.context() < 1) {
          throw EinError.setting("context", "must be positive, got " + d.context());
        }
        long trainBytes = 0;
        for (Path file : TextCorpus.files(source.location())) {
          trainBytes += Math.round(size(file) * TextCorpus.TRAIN_SHARE);
        }
        long batches = TextBatches.batchesPerEpoch(trainBytes, d.context(), r.batch());
        yield DataShape.text(d.context(), TextCorpus.VOCAB, (int) (batches * r.batch()));
      }
    };
  }

  private static Path idx(DataSource source) {
    return source.location() != null ? Path.of(source.location()) : ImageDatasets.FASHION_MNIST;
  }

  private static int classes(DataSource source) {
    return source.kind() == DataSource.Kind.CIFAR10 ? 10 : 100;
  }

  private static long size(Path file) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw EinError.of(file.toString(), "cannot read text: not a regular file");
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw EinError.of(file.toString(), "cannot read text: " + e.getMessage());
    }
  }
}
