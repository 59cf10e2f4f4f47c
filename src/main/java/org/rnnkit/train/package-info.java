/**
 * Training: {@link org.rnnkit.train.Trainer} (online, full-batch and mini-batch updates, full or
 * truncated BPTT, clipping, early stopping, divergence guard), its immutable {@link
 * org.rnnkit.train.TrainingConfig}, listeners and the per-epoch {@link org.rnnkit.train.History}.
 */
package org.rnnkit.train;
