package org.rnnkit.train;

/**
 * When the weights are updated, in the terms of the backpropagation literature (e.g. Bishop 1995,
 * Neural Networks for Pattern Recognition, section 7.5; LeCun et al. 1998, "Efficient BackProp").
 */
public enum BatchMode {
  /** Online (per-example) learning: one update after each example, in the data's order. */
  ONLINE,
  /** Full batch (batch learning): one update per epoch from the gradient of the whole set. */
  FULL_BATCH,
  /** Mini-batch stochastic gradient: shuffled batches of k, reshuffled every epoch. */
  MINI_BATCH
}
