/**
 * Recurrent cells: the elementwise gate math of one step (vanilla RNN, LSTM, GRU, with PyTorch's
 * equations and gate order) and the {@link org.rnnkit.nn.cell.Unrolled} buffers that one unrolled
 * sequence keeps for backpropagation through time. Cells do no matrix products; they add the biases
 * to the products the layer made and apply their nonlinearities through {@link
 * org.rnnkit.nn.VectorMath}.
 */
package org.rnnkit.nn.cell;
