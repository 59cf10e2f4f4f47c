/**
 * Layers: {@link org.rnnkit.nn.layer.Recurrent} unrolls a cell over time and owns every matrix
 * product; its {@code forward} and {@code backward} are the two loops of backpropagation through
 * time, and two package-private classes make them fast without entering them: {@code Unrolled} (the
 * buffers of one batch, what is copied or aliased, and the cells' step views) and {@code Slices}
 * (the loops on batch slices side by side, column sums split by columns). {@link
 * org.rnnkit.nn.layer.RecurrentStack} stacks layers and directions as PyTorch's RNN, LSTM and GRU
 * modules (an LSTM optionally with PyTorch's {@code proj_size}), with recurrent (variational)
 * dropout kept by the package-private {@code VariationalDropout}; {@link
 * org.rnnkit.nn.layer.Dense}, {@link org.rnnkit.nn.layer.LastStep} and {@link
 * org.rnnkit.nn.layer.MeanOverSteps} (mean over each sequence's real steps; both the
 * package-private {@code StepPooling}) make heads; {@link org.rnnkit.nn.layer.Embedding} maps
 * symbol indices to learnt vectors (a row gather, a scatter-add backward); {@link
 * org.rnnkit.nn.layer.BatchNorm} and {@link org.rnnkit.nn.layer.LayerNorm} normalise features as
 * PyTorch's {@code BatchNorm1d} and {@code LayerNorm}, sharing the package-private {@code
 * Normalization} (the affine map and the checks) and {@code Standardization} (the arithmetic).
 */
package org.rnnkit.nn.layer;
