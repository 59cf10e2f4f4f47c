package org.rnnkit.nn.layer;

import org.ejml.data.DMatrixRMaj;

/**
 * The recurrent state of one layer and direction for a batch: {@code h} ({@code B x H}) and, for an
 * LSTM, the memory {@code c} ({@code B x H}); {@code memory} is null for other cells.
 */
public record State(DMatrixRMaj hidden, DMatrixRMaj memory) {

  /** A state of zeros. */
  public static State zeros(int batch, int hiddenSize, boolean withMemory) {
    return new State(
        new DMatrixRMaj(batch, hiddenSize), withMemory ? new DMatrixRMaj(batch, hiddenSize) : null);
  }
}
