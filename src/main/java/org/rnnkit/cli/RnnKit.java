package org.rnnkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rnnkit} command line: subcommands for each job. */
@Command(
    name = "rnnkit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Recurrent sequence models (RNN, LSTM, GRU) trained with backpropagation through time.",
    subcommands = {
      ForecastCommand.class,
      CatalogueCommand.class,
      GradientsCommand.class,
      TasksCommand.class,
      InfoCommand.class,
      BenchCommand.class,
      TextCommand.class,
      NotebookCommand.class,
      SpeechCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RnnKit implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Exit code of a user error: bad option, missing file, data that does not fit. */
  public static final int USER_ERROR = 2;

  /**
   * The configured command line, for tests that run commands in-process. The boundary between the
   * user and the library: a {@link UserError} (or training that diverged under the user's settings,
   * see {@link UserError#of}) and picocli's own errors in the arguments print one line to standard
   * error and exit with {@link #USER_ERROR}; anything else, a library's {@link
   * IllegalArgumentException} or {@link java.io.IOException} included, is a bug: picocli prints its
   * stack trace and exits with 1.
   */
  public static CommandLine commandLine() {
    return withExitCodes(new CommandLine(new RnnKit()));
  }

  /**
   * Gives another command line (the Spark entry point's) the same boundary as {@link
   * #commandLine()}: {@link UserError}s and argument errors are one line and exit code 2.
   *
   * @return {@code cli}, configured
   */
  public static CommandLine withExitCodes(CommandLine cli) {
    cli.setParameterExceptionHandler(
        (e, args) -> userError(e.getCommandLine(), e.getMessage() + "; see --help"));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          UserError user = UserError.of(e);
          if (user == null) {
            throw e;
          }
          return userError(commandLine, user.getMessage());
        });
    return cli;
  }

  /** The one way to exit with {@link #USER_ERROR}: one line on standard error. */
  private static int userError(CommandLine commandLine, String message) {
    commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
    commandLine.getErr().flush();
    return USER_ERROR;
  }
}
