package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.tf.NativeLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code einstruct} command. */
@Command(
    name = "einstruct",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Find better linear layers: structured matrices written as einsums, "
            + "with their counts, contraction plans, taxonomy and structure-aware μP.",
    subcommands = {
      DescribeCommand.class,
      ListCommand.class,
      TaxonomyCommand.class,
      TrainCommand.class,
      CoordCheckCommand.class,
      SearchCommand.class,
      WorkerCommand.class,
      StudyCommand.class,
      WatchCommand.class,
      FitCommand.class,
      ReportCommand.class,
      EvalCommand.class,
      PredictCommand.class,
      SampleCommand.class,
      ExportCommand.class,
      ProjectCommand.class,
      QuickstartCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {
  /** Failures whose message says everything; others are shown with their type. */
  private static final java.util.Set<Class<?>> SELF_EXPLAINING =
      java.util.Set.of(
          IllegalArgumentException.class,
          IllegalStateException.class,
          java.io.UncheckedIOException.class,
          io.einstruct.train.run.TrainingFailed.class);

  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for anything that is not the user's input. */
  public static final int FAILURE = 1;

  /** Exit code for bad usage or a bad structure source. */
  public static final int USAGE = 2;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean debug;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show TensorFlow's informational start-up lines.")
  boolean verbose;

  private final Library library = Library.builtIns();

  /** The built-in structures, built once per run. */
  Library library() {
    return library;
  }

  @Override
  public Integer call() {
    // no subcommand: show what there is
    CommandLine.usage(this, System.out);
    return OK;
  }

  public static void main(String[] args) {
    if (!Arrays.asList(args).contains("--verbose")) {
      // before any TensorFlow class loads: it reads its log level once, then
      NativeLog.quiet();
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, out, err));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    // every choice is read in any case, as run and study options are
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ParameterException e, String[] a) -> {
          String command = e.getCommandLine().getCommandName();
          String qualified = e.getCommandLine() == cli ? command : "einstruct " + command;
          err.println("einstruct: " + e.getMessage() + " (see '" + qualified + " --help')");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (Exception e, CommandLine c, ParseResult r) -> failure(e, c, err, debug));
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int failure(Exception e, CommandLine command, PrintWriter err, boolean debug) {
    if (e instanceof EinError ein) {
      // a source error renders with its line and caret; others are one line
      err.println(
          ein.diagnostic().isPresent() ? ein.getMessage() : "einstruct: " + shown(ein, command));
      if (debug) {
        e.printStackTrace(err);
      }
      return USAGE;
    }
    err.println("einstruct: " + oneLine(e) + (debug ? "" : " (run with --debug for details)"));
    if (debug) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
    return FAILURE;
  }

  /**
   * An error about a setting, under the flag of the running command that sets it ({@code d_head} is
   * {@code --d-head}); as the setting's name when no flag of that command sets it.
   */
  static String shown(EinError e, CommandLine command) {
    if (e.setting().isEmpty() || command == null) {
      return e.getMessage();
    }
    String flag = "--" + e.setting().get().replace('_', '-');
    return command.getCommandSpec().findOption(flag) != null
        ? flag + ": " + e.detail()
        : e.getMessage();
  }

  /** The message of a failure on one line, with its type when the message alone says little. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    } else if (!SELF_EXPLAINING.contains(e.getClass())) {
      message = e.getClass().getSimpleName() + ": " + message;
    }
    return message.lines().findFirst().orElse(message);
  }

  /** The version from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"einstruct " + (version == null ? "(development build)" : version)};
    }
  }
}
