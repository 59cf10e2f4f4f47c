/**
 * Data for training: {@link org.rnnkit.data.Example} (one input sequence and its target) and {@link
 * org.rnnkit.data.Batch} (examples padded into one batch with per-sequence lengths).
 */
package org.rnnkit.data;
