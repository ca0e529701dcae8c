package io.einstruct.search;

import io.einstruct.dsl.Source;
import io.einstruct.search.study.StudyFile;
import java.nio.file.Path;

/** Study files written inline by tests. */
public final class Studies {
  private Studies() {}

  /**
   * A tiny study on the teacher task, fast enough to run many trials in a test.
   *
   * @param name the study's name
   * @param structures the {@code structures:} entries, each a line starting with " - "
   * @param widths comma-separated widths
   * @param seeds comma-separated seeds
   */
  public static String tiny(String name, String structures, String widths, String seeds) {
    return """
        name: %s
        task:
          data: teacher
          steps: 4
          batch: 16
          depth: 1
          eval_every: 2
          threads: 1
          teacher_width: 16
          teacher_depth: 2
          seeds: [%s]
        structures:
        %s
        widths: [%s]
        """
        .formatted(name, seeds, structures.stripTrailing(), widths);
  }

  /** Parses {@code text} as {@code name}, resolving files against {@code dir}. */
  public static StudyFile parse(String name, String text, Path dir) {
    return StudyFile.parse(new Source(name, text), dir == null ? null : dir.resolve(name));
  }
}
