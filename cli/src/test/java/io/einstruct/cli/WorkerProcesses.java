package io.einstruct.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@code einstruct} commands as separate JVMs, as a user on another machine would. */
final class WorkerProcesses {
  private WorkerProcesses() {}

  /** {@code einstruct ARGS} in a new JVM with this test's classpath; output goes to {@code log}. */
  static Process start(Path log, Map<String, String> env, String... args) throws IOException {
    return start(log, env, List.of(), args);
  }

  /** As {@link #start(Path, Map, String...)}, with options for the JVM ({@code -Xmx1g}). */
  static Process start(Path log, Map<String, String> env, List<String> jvm, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The log's text, for failure messages. */
  static String read(Path log) {
    try {
      return java.nio.file.Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static String separator() {
    return File.pathSeparator;
  }
}
