/**
 * Recurrent cells: the elementwise gate math of one step (vanilla RNN, LSTM, GRU, with PyTorch's
 * equations and gate order) and the {@link org.rnnkit.nn.cell.Unrolled} buffers that one unrolled
 * sequence keeps for backpropagation through time. Cells do no matrix products.
 */
package org.rnnkit.nn.cell;
