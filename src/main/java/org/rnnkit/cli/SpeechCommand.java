package org.rnnkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rnnkit speech}: spoken-word recognition; the work is in its subcommands. */
@Command(
    name = "speech",
    mixinStandardHelpOptions = true,
    description = {
      "Recognise spoken words: train a recurrent classifier on MFCC features of WAV recordings,"
          + " or predict the word of recordings with a trained model."
    },
    subcommands = {SpeechTrainCommand.class, SpeechPredictCommand.class})
final class SpeechCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
