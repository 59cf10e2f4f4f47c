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
   * The configured command line, for tests that run commands in-process. User errors ({@link
   * UserError}, {@link IllegalArgumentException}, unreadable files) print one line to standard
   * error and exit with {@link #USER_ERROR}; anything else is a bug and keeps its stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RnnKit());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof UserError
              || e instanceof IllegalArgumentException
              || e instanceof java.io.IOException
              || e instanceof org.rnnkit.train.TrainingDivergedException) {
            String message =
                e instanceof java.nio.file.NoSuchFileException
                    ? "cannot read " + e.getMessage() + ": no such file"
                    : e.getMessage();
            commandLine
                .getErr()
                .println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
            commandLine.getErr().flush();
            return USER_ERROR;
          }
          throw e;
        });
    return cli;
  }
}
