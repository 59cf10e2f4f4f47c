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
          "recurrent (variational) dropout while training: per sequence one mask on the inputs"
              + " (as well) and one on the previous state, the same at every step of a pass (new"
              + " masks for each chunk under truncated BPTT), none at inference; 0 for none"
              + " (default: ${DEFAULT-VALUE})")
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
