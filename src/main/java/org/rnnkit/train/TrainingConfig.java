package org.rnnkit.train;

/**
 * The settings of a training run; immutable, with documented defaults. Made by a {@link Builder}
 * that starts from the defaults ({@code TrainingConfig.builder().epochs(20).seed(3).build()});
 * {@link #toBuilder()} changes some settings of an existing config. Every setting is checked when
 * the config is made.
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

  /** Every setting at its default. */
  public static TrainingConfig defaults() {
    return builder().build();
  }

  /** A builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with every setting as in this config. */
  public Builder toBuilder() {
    return builder()
        .epochs(epochs)
        .batchMode(batchMode)
        .batchSize(batchSize)
        .seed(seed)
        .truncation(truncation)
        .clipNorm(clipNorm)
        .clipValue(clipValue)
        .patience(patience)
        .minDelta(minDelta)
        .minEpochs(minEpochs);
  }

  /** The number of examples per update for a training set of {@code n}. */
  public int examplesPerUpdate(int n) {
    return switch (batchMode) {
      case ONLINE -> 1;
      case FULL_BATCH -> n;
      case MINI_BATCH -> Math.min(batchSize, n);
    };
  }

  /**
   * Collects settings, each starting at its default (see {@link TrainingConfig}); {@link #build}
   * checks them.
   */
  public static final class Builder {
    private int epochs = 100;
    private BatchMode batchMode = BatchMode.MINI_BATCH;
    private int batchSize = 32;
    private long seed = 0;
    private int truncation = 0;
    private double clipNorm = 0;
    private double clipValue = 0;
    private int patience = 0;
    private double minDelta = 0;
    private int minEpochs = 0;

    private Builder() {}

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchMode(BatchMode v) {
      batchMode = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder truncation(int v) {
      truncation = v;
      return this;
    }

    public Builder clipNorm(double v) {
      clipNorm = v;
      return this;
    }

    public Builder clipValue(double v) {
      clipValue = v;
      return this;
    }

    public Builder patience(int v) {
      patience = v;
      return this;
    }

    public Builder minDelta(double v) {
      minDelta = v;
      return this;
    }

    public Builder minEpochs(int v) {
      minEpochs = v;
      return this;
    }

    /**
     * The config of these settings.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or out of range
     */
    public TrainingConfig build() {
      return new TrainingConfig(
          epochs,
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
  }
}
