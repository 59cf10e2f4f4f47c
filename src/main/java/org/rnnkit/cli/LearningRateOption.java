package org.rnnkit.cli;

import picocli.CommandLine.Option;

/**
 * {@code --learning-rate LR}, the step size of a command's optimizer; the command gives the default
 * that its training was tuned with, and {@link #value()} checks it for all of them.
 */
final class LearningRateOption {
  @Option(
      names = "--learning-rate",
      paramLabel = "LR",
      description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
  private double learningRate;

  LearningRateOption(double defaultRate) {
    learningRate = defaultRate;
  }

  /**
   * @throws UserError unless a positive, finite number
   */
  double value() {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new UserError("--learning-rate must be a positive number, got " + learningRate);
    }
    return learningRate;
  }
}
