package org.rnnkit.cli;

import picocli.CommandLine.Option;

/**
 * {@code --hidden N}, the hidden size H of a command's recurrent layers; the command gives the
 * default (forecast, gradients and tasks 32, speech 64, text 128), and {@link #value()} checks the
 * range for all of them.
 */
final class HiddenOption {
  @Option(
      names = "--hidden",
      paramLabel = "N",
      description = "hidden size H: units per layer and direction (default: ${DEFAULT-VALUE})")
  private int hidden;

  HiddenOption(int defaultSize) {
    hidden = defaultSize;
  }

  /**
   * @throws UserError unless at least 1
   */
  int value() {
    if (hidden < 1) {
      throw new UserError("--hidden must be at least 1, got " + hidden);
    }
    return hidden;
  }
}
