package org.rnnkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rnnkit text}: the character language model's subcommands. */
@Command(
    name = "text",
    mixinStandardHelpOptions = true,
    description = {
      "Character language models (char-rnn): train one on a text, sample from a trained one.",
      "text train [--corpus FILE] trains one (default corpus: Pride and Prejudice, in the"
          + " jar); text sample --model FILE samples from it."
    },
    subcommands = {TextTrainCommand.class, TextSampleCommand.class})
final class TextCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
