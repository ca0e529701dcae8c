package io.einstruct.train.run;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files written so that a reader sees the old content or the new, never half of either: the bytes
 * go to a temporary file in the same directory, which then replaces the target by an atomic rename.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Replaces {@code path}'s content with {@code bytes}. */
  public static void write(Path path, byte[] bytes) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
    try {
      Files.write(temp, bytes);
      if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        // temporary files are private; the result should read like any other file
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
