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
      InfoCommand.class,
      GradientsCommand.class,
      TasksCommand.class,
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

  /** The configured command line, for tests that run commands in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new RnnKit());
  }
}
