package io.einstruct.train.data;

import io.einstruct.dsl.EinError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Text as bytes (a byte-level vocabulary of 256), split into training and validation text. Each
 * file gives its first 90% to training and its last 10% to validation, so the split depends only on
 * the files and every file is represented in both.
 *
 * @param name the files, for logs
 * @param train the training bytes, files concatenated in the order given
 * @param validation the validation bytes, likewise
 */
public record TextCorpus(String name, byte[] train, byte[] validation) {
  /** Tokens in the vocabulary: every byte value. */
  public static final int VOCAB = 256;

  /** Share of each file used for training. */
  public static final double TRAIN_SHARE = 0.9;

  /**
   * The files a {@code text:} source names, in a fixed order: comma-separated entries, each a file,
   * a directory (its regular files, recursively, sorted by path) or a pattern whose last part holds
   * {@code *} or {@code ?} (the matching files of that directory, sorted).
   */
  public static List<Path> files(String spec) {
    if (spec == null || spec.isBlank()) {
      throw EinError.setting("data", "text needs its files: text:PATH[,PATH...]");
    }
    List<Path> files = new ArrayList<>();
    for (String entry : spec.split(",")) {
      Path path = Path.of(entry.strip());
      String last = path.getFileName() == null ? "" : path.getFileName().toString();
      if (last.contains("*") || last.contains("?")) {
        Path parent = path.getParent() == null ? Path.of(".") : path.getParent();
        PathMatcher matcher = parent.getFileSystem().getPathMatcher("glob:" + last);
        List<Path> matched = list(parent, 1, p -> matcher.matches(p.getFileName()));
        if (matched.isEmpty()) {
          throw EinError.setting("data", "no file matches " + path);
        }
        files.addAll(matched);
      } else if (Files.isDirectory(path)) {
        files.addAll(list(path, Integer.MAX_VALUE, p -> true));
      } else {
        files.add(path);
      }
    }
    return files;
  }

  private static List<Path> list(Path dir, int depth, Predicate<Path> keep) {
    try (Stream<Path> paths = Files.walk(dir, depth)) {
      return paths.filter(Files::isRegularFile).filter(keep).sorted().toList();
    } catch (java.nio.file.NoSuchFileException e) {
      throw EinError.of(dir.toString(), "no such directory");
    } catch (IOException e) {
      throw EinError.of(dir.toString(), "cannot list text files: " + e.getMessage());
    }
  }

  /** The most text a corpus holds in memory. */
  static final long MAX_BYTES = 1L << 30;

  /** Reads {@code files}; an unreadable, irregular or empty file is an error naming it. */
  public static TextCorpus read(List<Path> files) {
    if (files.isEmpty()) {
      throw EinError.setting("data", "text needs at least one file: text:PATH[,PATH...]");
    }
    ByteArrayOutputStream train = new ByteArrayOutputStream();
    ByteArrayOutputStream validation = new ByteArrayOutputStream();
    for (Path file : files) {
      byte[] bytes;
      try {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
          throw EinError.of(file.toString(), "not a regular file");
        }
        if (Files.exists(file) && train.size() + validation.size() + Files.size(file) > MAX_BYTES) {
          throw EinError.of(
              file.toString(), "the text would pass " + (MAX_BYTES >> 30) + " GiB in all");
        }
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw EinError.of(file.toString(), "cannot read text: " + e.getMessage());
      }
      if (bytes.length == 0) {
        throw EinError.of(file.toString(), "the file is empty");
      }
      int cut = (int) Math.round(bytes.length * TRAIN_SHARE);
      train.write(bytes, 0, cut);
      validation.write(bytes, cut, bytes.length - cut);
    }
    String name =
        files.size() == 1
            ? files.get(0).toString()
            : files.size() + " files, " + files.get(0) + " … " + files.get(files.size() - 1);

    return new TextCorpus(name, train.toByteArray(), validation.toByteArray());
  }
}
