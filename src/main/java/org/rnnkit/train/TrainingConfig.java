package org.rnnkit.train;

/**
 * The settings of a training run; immutable, with documented defaults ({@link #defaults()}) and one
 * {@code with...} method per setting.
 *
 * @param epochs passes over the training set (default 100)
 * @param batchMode when to update (default {@link BatchMode#MINI_BATCH})
 * @param batchSize k for mini-batches (default 32); online uses 1 and full batch uses N
 * @param seed seed of shuffling and dropout (default 0); same seed and data, same run, bit for bit
 * @param truncation truncated BPTT: backpropagate within chunks of this many steps, carrying the
 *     state across chunks; 0 (default) backpropagates through every step
 * @param clipNorm clip the global L2 gradient norm to this value; 0 (default) for no clipping
 * @param clipValue clip every gradient element to [-v, v]; 0 (default) for no clipping
 * @param patience early stopping: stop after this many epochs without a better validation loss and
 *     restore the best weights; 0 (default) trains all epochs
 * @param minDelta an improvement smaller than this does not count for early stopping (default 0)
 * @param minEpochs early stopping neither stops nor picks the weights to restore before this epoch:
 *     the restored epoch is the best at or after it (default 0: any epoch)
 */
public record TrainingConfig(
    int epochs,
    BatchMode batchMode,
    int batchSize,
    long seed,
    int truncation,
    double clipNorm,
    double clipValue,
    int patience,
    double minDelta,
    int minEpochs) {

  public TrainingConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchMode == null) {
      throw new IllegalArgumentException("batch mode is required");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (truncation < 0) {
      throw new IllegalArgumentException(
          "truncation must be 0 (full BPTT) or a chunk length, got " + truncation);
    }
    if (!(clipNorm >= 0) || !(clipValue >= 0) || !(minDelta >= 0)) {
      throw new IllegalArgumentException(
          "clipNorm, clipValue and minDelta must be 0 or positive, got %s, %s, %s"
              .formatted(clipNorm, clipValue, minDelta));
    }
    if (patience < 0 || minEpochs < 0) {
      throw new IllegalArgumentException(
          "patience and minEpochs must be 0 or positive, got %d and %d"
              .formatted(patience, minEpochs));
    }
  }

  /** 100 epochs of shuffled mini-batches of 32, seed 0, full BPTT, no clipping or stopping. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(100, BatchMode.MINI_BATCH, 32, 0, 0, 0, 0, 0, 0, 0);
  }

  public TrainingConfig withEpochs(int v) {
    return new TrainingConfig(
        v,
        batchMode,
        batchSize,
        seed,
        truncation,
        clipNorm,
        clipValue,
        patience,
        minDelta,
        minEpochs);
  }

  public TrainingConfig withBatchMode(BatchMode v) {
    return new TrainingConfig(
        epochs, v, batchSize, seed, truncation, clipNorm, clipValue, patience, minDelta, minEpochs);
  }

  public TrainingConfig withBatchSize(int v) {
    return new TrainingConfig(
        epochs, batchMode, v, seed, truncation, clipNorm, clipValue, patience, minDelta, minEpochs);
  }

  public TrainingConfig withSeed(long v) {
    return new TrainingConfig(
        epochs,
        batchMode,
        batchSize,
        v,
        truncation,
        clipNorm,
        clipValue,
        patience,
        minDelta,
        minEpochs);
  }

  public TrainingConfig withTruncation(int v) {
    return new TrainingConfig(
        epochs, batchMode, batchSize, seed, v, clipNorm, clipValue, patience, minDelta, minEpochs);
  }

  public TrainingConfig withClipNorm(double v) {
    return new TrainingConfig(
        epochs,
        batchMode,
        batchSize,
        seed,
        truncation,
        v,
        clipValue,
        patience,
        minDelta,
        minEpochs);
  }

  public TrainingConfig withClipValue(double v) {
    return new TrainingConfig(
        epochs, batchMode, batchSize, seed, truncation, clipNorm, v, patience, minDelta, minEpochs);
  }

  public TrainingConfig withPatience(int v) {
    return new TrainingConfig(
        epochs,
        batchMode,
        batchSize,
        seed,
        truncation,
        clipNorm,
        clipValue,
        v,
        minDelta,
        minEpochs);
  }

  public TrainingConfig withMinDelta(double v) {
    return new TrainingConfig(
        epochs,
        batchMode,
        batchSize,
        seed,
        truncation,
        clipNorm,
        clipValue,
        patience,
        v,
        minEpochs);
  }

  public TrainingConfig withMinEpochs(int v) {
    return new TrainingConfig(
        epochs, batchMode, batchSize, seed, truncation, clipNorm, clipValue, patience, minDelta, v);
  }

  /** The number of examples per update for a training set of {@code n}. */
  public int examplesPerUpdate(int n) {
    return switch (batchMode) {
      case ONLINE -> 1;
      case FULL_BATCH -> n;
      case MINI_BATCH -> Math.min(batchSize, n);
    };
  }
}
