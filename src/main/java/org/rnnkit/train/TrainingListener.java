package org.rnnkit.train;

/**
 * Receives training events. Call order: {@link #onStart}, then per epoch every {@link #onBatch}
 * followed by one {@link #onEpoch}, then {@link #onEnd} (also after early stopping; not after a
 * divergence, which throws).
 */
public interface TrainingListener {

  /** One optimizer update. */
  record BatchEvent(
      int epoch,
      int batch,
      int batchesPerEpoch,
      int examples,
      double loss,
      double gradientNorm,
      double learningRate) {}

  /**
   * One pass over the training set.
   *
   * @param trainLoss mean training loss over the epoch's batches, weighted by examples
   * @param validationLoss loss on the validation set after the epoch; NaN without one
   * @param gradientNorm mean global gradient norm before clipping over the epoch's batches
   * @param maxGradientNorm largest global gradient norm before clipping in the epoch
   */
  record EpochEvent(
      int epoch,
      int epochs,
      double trainLoss,
      double validationLoss,
      double gradientNorm,
      double maxGradientNorm,
      double learningRate,
      int updates) {}

  default void onStart(TrainingConfig config, int batchesPerEpoch) {}

  default void onBatch(BatchEvent event) {}

  default void onEpoch(EpochEvent event) {}

  default void onEnd(History history) {}
}
