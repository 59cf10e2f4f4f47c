package org.rnnkit.cli;

import picocli.CommandLine.Option;

/**
 * {@code --recurrent-dropout P}: recurrent (variational) dropout in every recurrent layer while
 * training (see {@link org.rnnkit.nn.layer.Recurrent#setRecurrentDropout}); 0, the default, turns
 * it off. {@link #value()} checks it for every command.
 */
final class RecurrentDropoutOption {
  @Option(
      names = "--recurrent-dropout",
      paramLabel = "P",
      description =
          "recurrent (variational) dropout while training: one mask per sequence on the inputs and"
              + " one on the previous state, the same at every step, none at inference; 0 for"
              + " none (default: ${DEFAULT-VALUE})")
  private double probability;

  /**
   * @throws UserError unless in [0, 1)
   */
  double value() {
    if (!(probability >= 0 && probability < 1)) {
      throw new UserError(
          "--recurrent-dropout must be in [0, 1), got %s; 0 turns it off".formatted(probability));
    }
    return probability;
  }
}
