package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.einstruct.dsl.EinError;
import io.einstruct.train.Choices;
import java.util.Locale;

/**
 * Where a run's data comes from, parsed once from its text ({@code fashion-mnist}, {@code
 * mnist:DIR}, {@code text:PATH[,PATH...]}, ...) and written back as that text.
 *
 * @param kind the kind of data
 * @param location the directory or file list after the colon, or null when there is none
 */
public record DataSource(Kind kind, String location) {
  /** The kinds of data a run reads. */
  public enum Kind implements Choices.Keyed {
    /** Fashion-MNIST in IDX files; by default Debian's {@code dataset-fashion-mnist}. */
    FASHION_MNIST("fashion-mnist", false),
    /** MNIST in IDX files in a directory. */
    MNIST("mnist", true),
    /** CIFAR-10's binary batches in a directory. */
    CIFAR10("cifar10", true),
    /** CIFAR-100's binary batches in a directory. */
    CIFAR100("cifar100", true),
    /** A random teacher network's regression task, generated from the seed. */
    TEACHER("teacher", false),
    /** Bytes of text files, the last 10% of each for validation. */
    TEXT("text", true);

    private final String key;
    private final boolean needsLocation;

    Kind(String key, boolean needsLocation) {
      this.key = key;
      this.needsLocation = needsLocation;
    }

    @Override
    public String key() {
      return key;
    }
  }

  private static final String EXPECTED =
      "expected fashion-mnist, fashion-mnist:DIR, mnist:DIR, cifar10:DIR, cifar100:DIR, teacher or"
          + " text:PATH[,PATH...]";

  /** Parses a data source; the kind is read in any case, the location as written. */
  @JsonCreator
  public static DataSource parse(String text) {
    if (text == null || text.isBlank()) {
      throw EinError.setting("data", EXPECTED + ", got nothing");
    }
    String t = text.strip();
    int colon = t.indexOf(':');
    String kindText = colon < 0 ? t : t.substring(0, colon);
    String location = colon < 0 ? null : t.substring(colon + 1);
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.key().equals(kindText.toLowerCase(Locale.ROOT))) {
        kind = k;
      }
    }
    if (kind == null) {
      throw EinError.setting("data", EXPECTED + ", got '" + text + "'");
    }
    if (location != null && location.isBlank()) {
      throw EinError.setting("data", kind.key() + ": needs a path after the colon");
    }
    if (kind.needsLocation && location == null) {
      throw EinError.setting(
          "data",
          kind.key()
              + " needs "
              + (kind == Kind.TEXT
                  ? "its files: text:PATH[,PATH...]"
                  : "its directory: " + kind.key() + ":DIR"));
    }
    if (kind == Kind.TEACHER && location != null) {
      throw EinError.setting("data", "teacher takes no path, got '" + text + "'");
    }
    return new DataSource(kind, location);
  }

  /** Whether the data is text. */
  public boolean text() {
    return kind == Kind.TEXT;
  }

  @Override
  @JsonValue
  public String toString() {
    return location == null ? kind.key() : kind.key() + ":" + location;
  }
}
