package org.rnnkit.nn;

/**
 * A layer that draws random numbers while training (dropout). Reseeding it from a value derived
 * from the training seed, epoch and batch makes a run reproducible bit for bit, also when it is
 * resumed from a checkpoint.
 */
public interface Randomized {

  /** Restarts the layer's random stream from {@code seed}. */
  void reseed(long seed);
}
