/**
 * Recurrent cells: the elementwise gate math of one step (vanilla RNN, LSTM, GRU, with PyTorch's
 * equations and gate order) and its backward. A cell sees one step through a {@link
 * org.rnnkit.nn.cell.Step} view (its rows of the gate blocks, the previous and next state, the
 * carried gradients), so its body is the equations; gate-specific facts (the LSTM's forget-gate
 * block, the gate order) live in the cell. Cells do no matrix products; they add the biases to the
 * products the layer made and apply their nonlinearities through {@link org.rnnkit.nn.VectorMath}.
 *
 * <p>Variants ({@link org.rnnkit.nn.cell.CellOptions}): {@link org.rnnkit.nn.cell.LayerNormCell}
 * (layer-normalised pre-activations around any cell, with {@code RowNorm}), the LSTM's peepholes
 * and normalised memory (in {@link org.rnnkit.nn.cell.LstmCell}), {@link
 * org.rnnkit.nn.cell.ResetBeforeGruCell} (which shares all but its reset gate's part with {@link
 * org.rnnkit.nn.cell.GruCell} through the package-private {@code GatedRecurrentUnit}). They use the
 * cell's optional seams (own parameters, a per-step cache, a gated recurrent product), which the
 * plain cells leave at their defaults.
 */
package org.rnnkit.nn.cell;
