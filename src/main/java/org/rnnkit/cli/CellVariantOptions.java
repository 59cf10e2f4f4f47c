package org.rnnkit.cli;

import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;
import picocli.CommandLine.Option;

/**
 * {@code --layer-norm}, {@code --peepholes}, {@code --reset-before}: the recurrent cell's variants
 * ({@link CellOptions}), the same on every command that trains a recurrent network.
 */
final class CellVariantOptions {
  @Option(
      names = "--layer-norm",
      description =
          "layer-normalise the cells' input and recurrent pre-activations, and the LSTM's memory"
              + " before its tanh (Ba, Kiros and Hinton 2016)")
  boolean layerNorm;

  @Option(
      names = "--peepholes",
      description = "LSTM with peephole connections from the memory to its gates (Gers 2000)")
  boolean peepholes;

  @Option(
      names = "--reset-before",
      description =
          "GRU with the reset gate applied to h before the recurrent product (Cho et al. 2014;"
              + " Keras reset_after=False) instead of after it (PyTorch, cuDNN)")
  boolean resetBefore;

  /** The variants chosen, checked against {@code cell}; a combination it lacks is a user error. */
  CellOptions options(CellType cell) {
    CellOptions options = new CellOptions(layerNorm, peepholes, resetBefore);
    return UserError.whenInvalid(
        () -> {
          options.requireFor(cell);
          return options;
        });
  }
}
