package org.rnnkit.tasks;

/**
 * The same training budget for every cell and length in a comparison: Adam with clipping by global
 * norm, a fixed number of updates on mini-batches.
 *
 * @param updates optimizer updates (default 2000)
 * @param batchSize sequences per update (default 32)
 * @param learningRate Adam's step size (default 0.005)
 * @param clipNorm clip the global gradient norm to this; 0 for none (default 1)
 * @param hiddenSize H (default 32)
 * @param distinctBatches batches in the training set, cycled as epochs (default 100)
 * @param testSize fresh examples the success test uses (default 500)
 * @param recurrentDropout recurrent (variational) dropout in the recurrent layer, 0 for none
 *     (default 0; see {@link org.rnnkit.nn.layer.Recurrent#setRecurrentDropout})
 */
public record Budget(
    int updates,
    int batchSize,
    double learningRate,
    double clipNorm,
    int hiddenSize,
    int distinctBatches,
    int testSize,
    double recurrentDropout) {

  public Budget {
    if (updates < 1 || batchSize < 1 || hiddenSize < 1 || distinctBatches < 1 || testSize < 1) {
      throw new IllegalArgumentException(
          "updates, batch size, hidden size, distinct batches and test size must be at least 1, got %d, %d, %d, %d, %d"
              .formatted(updates, batchSize, hiddenSize, distinctBatches, testSize));
    }
    if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
      throw new IllegalArgumentException(
          "recurrent dropout must be in [0, 1), got " + recurrentDropout);
    }
    if (!(learningRate > 0) || !(clipNorm >= 0)) {
      throw new IllegalArgumentException(
          "learning rate must be > 0 and clip norm >= 0, got %s and %s"
              .formatted(learningRate, clipNorm));
    }
  }

  /** 2000 updates of 32 sequences, Adam 0.005, clip 1, H = 32. */
  public static Budget defaults() {
    return new Budget(2000, 32, 0.005, 1, 32, 100, 500, 0);
  }

  public Budget withUpdates(int v) {
    return new Budget(
        v,
        batchSize,
        learningRate,
        clipNorm,
        hiddenSize,
        distinctBatches,
        testSize,
        recurrentDropout);
  }

  public Budget withBatchSize(int v) {
    return new Budget(
        updates,
        v,
        learningRate,
        clipNorm,
        hiddenSize,
        distinctBatches,
        testSize,
        recurrentDropout);
  }

  public Budget withLearningRate(double v) {
    return new Budget(
        updates, batchSize, v, clipNorm, hiddenSize, distinctBatches, testSize, recurrentDropout);
  }

  public Budget withClipNorm(double v) {
    return new Budget(
        updates,
        batchSize,
        learningRate,
        v,
        hiddenSize,
        distinctBatches,
        testSize,
        recurrentDropout);
  }

  public Budget withHiddenSize(int v) {
    return new Budget(
        updates, batchSize, learningRate, clipNorm, v, distinctBatches, testSize, recurrentDropout);
  }

  public Budget withDistinctBatches(int v) {
    return new Budget(
        updates, batchSize, learningRate, clipNorm, hiddenSize, v, testSize, recurrentDropout);
  }

  public Budget withTestSize(int v) {
    return new Budget(
        updates,
        batchSize,
        learningRate,
        clipNorm,
        hiddenSize,
        distinctBatches,
        v,
        recurrentDropout);
  }

  public Budget withRecurrentDropout(double v) {
    return new Budget(
        updates, batchSize, learningRate, clipNorm, hiddenSize, distinctBatches, testSize, v);
  }

  /** Batches per epoch: the training set holds this many batches. */
  public int batchesPerEpoch() {
    return Math.min(updates, distinctBatches);
  }

  /** Epochs so that the updates are spent: {@code ceil(updates / batchesPerEpoch)}. */
  public int epochs() {
    return (updates + batchesPerEpoch() - 1) / batchesPerEpoch();
  }
}
