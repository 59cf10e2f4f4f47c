package org.rnnkit.nn.cell;

import java.util.ArrayList;
import java.util.List;

/**
 * The variants of a cell type, each off by default ({@link #NONE}: the cells of PyTorch).
 *
 * @param layerNorm layer-normalised pre-activations ({@link LayerNormCell}) and, for the LSTM, the
 *     memory before its tanh (Ba, Kiros and Hinton 2016); any cell type
 * @param peepholes peephole connections from the memory to the gates (Gers and Schmidhuber 2000);
 *     LSTM only
 * @param resetBefore the GRU's reset gate applied to {@code h[t-1]} before the recurrent product
 *     ({@link ResetBeforeGruCell}, Cho et al. 2014, Keras's {@code reset_after=False}) instead of
 *     after it (PyTorch, cuDNN); GRU only, and not with layer normalisation
 */
public record CellOptions(boolean layerNorm, boolean peepholes, boolean resetBefore) {
  /** No variant: PyTorch's cells. */
  public static final CellOptions NONE = new CellOptions(false, false, false);

  /** True when no variant is on. */
  public boolean plain() {
    return !layerNorm && !peepholes && !resetBefore;
  }

  /**
   * Checks that {@code type} has these variants.
   *
   * @throws IllegalArgumentException naming the variant and the cell types that have it
   */
  public void requireFor(CellType type) {
    if (peepholes && type != CellType.LSTM) {
      throw new IllegalArgumentException(
          "peepholes are an LSTM variant; the cell is " + type.id() + " (use --cell lstm)");
    }
    if (resetBefore && type != CellType.GRU) {
      throw new IllegalArgumentException(
          "the reset-before form is a GRU variant; the cell is " + type.id() + " (use --cell gru)");
    }
    if (resetBefore && layerNorm) {
      throw new IllegalArgumentException(
          "layer normalisation of the reset-before GRU is not supported (its candidate's recurrent"
              + " product depends on the reset gate); use the reset-after GRU with layer norm");
    }
  }

  /** The variants that are on, by the names model files and the command line use. */
  public List<String> names() {
    List<String> on = new ArrayList<>();
    if (layerNorm) {
      on.add("layer_norm");
    }
    if (peepholes) {
      on.add("peepholes");
    }
    if (resetBefore) {
      on.add("reset_before");
    }
    return on;
  }
}
