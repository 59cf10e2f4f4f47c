package org.rnnkit.tasks;

/**
 * The same training budget for every cell and length in a comparison: Adam with clipping by global
 * norm, a fixed number of updates on mini-batches. Made by a {@link Builder} that starts from the
 * defaults ({@code Budget.builder().updates(500).build()}) and checked when made.
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
    if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
      throw new IllegalArgumentException(
          "recurrent dropout must be in [0, 1), got " + recurrentDropout);
    }
    if (updates < 1 || batchSize < 1 || hiddenSize < 1 || distinctBatches < 1 || testSize < 1) {
      throw new IllegalArgumentException(
          "updates, batch size, hidden size, distinct batches and test size must be at least 1, got %d, %d, %d, %d, %d"
              .formatted(updates, batchSize, hiddenSize, distinctBatches, testSize));
    }
    if (!(learningRate > 0) || !(clipNorm >= 0)) {
      throw new IllegalArgumentException(
          "learning rate must be > 0 and clip norm >= 0, got %s and %s"
              .formatted(learningRate, clipNorm));
    }
  }

  /** Every setting at its default. */
  public static Budget defaults() {
    return builder().build();
  }

  /** A builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with every setting as in this config. */
  public Builder toBuilder() {
    return builder()
        .updates(updates)
        .batchSize(batchSize)
        .learningRate(learningRate)
        .clipNorm(clipNorm)
        .hiddenSize(hiddenSize)
        .distinctBatches(distinctBatches)
        .testSize(testSize)
        .recurrentDropout(recurrentDropout);
  }

  /** Batches per epoch: the training set holds this many batches. */
  public int batchesPerEpoch() {
    return Math.min(updates, distinctBatches);
  }

  /** Epochs so that the updates are spent: {@code ceil(updates / batchesPerEpoch)}. */
  public int epochs() {
    return (updates + batchesPerEpoch() - 1) / batchesPerEpoch();
  }

  /**
   * Collects settings, each starting at its default (see {@link Budget}); {@link #build} checks
   * them.
   */
  public static final class Builder {
    private int updates = 2000;
    private int batchSize = 32;
    private double learningRate = 0.005;
    private double clipNorm = 1;
    private int hiddenSize = 32;
    private int distinctBatches = 100;
    private int testSize = 500;
    private double recurrentDropout = 0;

    private Builder() {}

    public Builder updates(int v) {
      updates = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder clipNorm(double v) {
      clipNorm = v;
      return this;
    }

    public Builder hiddenSize(int v) {
      hiddenSize = v;
      return this;
    }

    public Builder distinctBatches(int v) {
      distinctBatches = v;
      return this;
    }

    public Builder testSize(int v) {
      testSize = v;
      return this;
    }

    public Builder recurrentDropout(double v) {
      recurrentDropout = v;
      return this;
    }

    /**
     * The config of these settings.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or out of range
     */
    public Budget build() {
      return new Budget(
          updates,
          batchSize,
          learningRate,
          clipNorm,
          hiddenSize,
          distinctBatches,
          testSize,
          recurrentDropout);
    }
  }
}
