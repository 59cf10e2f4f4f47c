/**
 * Layers: {@link org.rnnkit.nn.layer.Recurrent} unrolls a cell over time and owns every matrix
 * product; {@link org.rnnkit.nn.layer.RecurrentStack} stacks layers and directions as PyTorch's
 * RNN, LSTM and GRU modules; {@link org.rnnkit.nn.layer.Dense}, {@link
 * org.rnnkit.nn.layer.LastStep} and {@link org.rnnkit.nn.layer.MeanOverSteps} (mean over each
 * sequence's real steps) make heads; {@link org.rnnkit.nn.layer.Embedding} maps symbol indices to
 * learnt vectors (a row gather, a scatter-add backward).
 */
package org.rnnkit.nn.layer;
