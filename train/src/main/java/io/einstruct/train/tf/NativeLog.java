package io.einstruct.train.tf;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Keeps TensorFlow's informational start-up lines (oneDNN, CPU features, MLIR) off the terminal.
 *
 * <p>TensorFlow's own lines obey {@code TF_CPP_MIN_LOG_LEVEL}, which it reads once when its library
 * loads, so {@link #quiet()} sets it in the process environment before then (a value the user set
 * wins). Two more lines come from the Abseil copy linked inside {@code libtensorflow_cc}, whose log
 * level nothing outside that library can reach; they are written on the process's first graph run,
 * so {@link #firstRun} sends file descriptor 2 to a file for that run only and replays everything
 * else it caught. Warnings and errors are never dropped. Where the C library cannot be reached (a
 * platform JNA does not cover) nothing is quieted and nothing fails.
 */
public final class NativeLog {
  private static final AtomicBoolean QUIET = new AtomicBoolean();
  private static final AtomicBoolean FIRST_RUN_SEEN = new AtomicBoolean();
  private static final int O_WRONLY = 1;

  /** Abseil's informational lines ({@code I1201 16:22:12.591639 24027 file.cc:401] ...}). */
  private static final Pattern ABSL_INFO =
      Pattern.compile("^I\\d{4} [\\d:.]+ +\\d+ \\S+:\\d+\\] .*");

  /** TensorFlow's own informational lines, should the environment variable not have been read. */
  private static final Pattern TF_INFO =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\d [\\d:.]+: I \\S+\\] .*");

  private NativeLog() {}

  /**
   * Asks for TensorFlow's informational lines to be dropped; call before any TensorFlow class
   * loads. Returns whether the environment could be set.
   */
  public static boolean quiet() {
    Function setenv = libc("setenv");
    if (setenv == null) {
      return false;
    }
    setenv.invokeInt(new Object[] {"TF_CPP_MIN_LOG_LEVEL", "1", 0});
    QUIET.set(true);
    return true;
  }

  /** Whether a line is one of TensorFlow's informational start-up lines. */
  public static boolean isNoise(String line) {
    return line.startsWith("WARNING: All log messages before absl::InitializeLog() is called")
        || ABSL_INFO.matcher(line).matches()
        || TF_INFO.matcher(line).matches()
        || line.startsWith("To enable the following instructions:");
  }

  /**
   * Runs {@code work}; if quieting was asked for and this is the process's first graph run, with
   * standard error caught and replayed without {@linkplain #isNoise noise}.
   */
  public static <T> T firstRun(Supplier<T> work) {
    if (!QUIET.get() || !FIRST_RUN_SEEN.compareAndSet(false, true)) {
      return work.get();
    }
    Function dup = libc("dup");
    Function dup2 = libc("dup2");
    Function open = libc("open");
    Function close = libc("close");
    Path caught;
    try {
      caught = Files.createTempFile("einstruct-tf", ".log");
    } catch (IOException e) {
      return work.get();
    }
    int saved = dup.invokeInt(new Object[] {2});
    int file = saved < 0 ? -1 : open.invokeInt(new Object[] {caught.toString(), O_WRONLY});
    if (file < 0 || dup2.invokeInt(new Object[] {file, 2}) < 0) {
      closeAll(close, saved, file);
      deleteQuietly(caught);
      return work.get();
    }
    System.err.flush();
    try {
      return work.get();
    } finally {
      System.err.flush();
      dup2.invokeInt(new Object[] {saved, 2});
      closeAll(close, saved, file);
      replay(caught);
    }
  }

  private static void replay(Path caught) {
    try {
      String text = new String(Files.readAllBytes(caught), StandardCharsets.UTF_8);
      for (String line : text.split("\n", -1)) {
        if (!line.isEmpty() && !isNoise(line)) {
          System.err.println(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(caught);
    }
  }

  private static void closeAll(Function close, int... fds) {
    for (int fd : fds) {
      if (fd >= 0) {
        close.invokeInt(new Object[] {fd});
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temporary file left behind is harmless
    }
  }

  private static Function libc(String name) {
    try {
      return NativeLibrary.getInstance("c").getFunction(name);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }
}
