/**
 * Training: {@link org.rnnkit.train.Trainer} (online, full-batch and mini-batch updates, full or
 * truncated BPTT, clipping, early stopping, divergence guard), its immutable {@link
 * org.rnnkit.train.TrainingConfig}, listeners and the per-epoch {@link org.rnnkit.train.History}.
 * An update's two halves are public so that it can be split across machines: {@link
 * org.rnnkit.train.BatchGradient} (the gradient of a batch, shards combining by weight) and {@link
 * org.rnnkit.train.UpdateStep} (clip, step, divergence check), with the epoch's batches from {@link
 * org.rnnkit.train.BatchOrder} and the stopping rule {@link org.rnnkit.train.EarlyStopping}.
 */
package org.rnnkit.train;
