package org.rnnkit.speech;

import org.rnnkit.audio.MfccConfig;

/**
 * Everything a training run of the word classifier is given; immutable, made by a {@link Builder}
 * that starts from the defaults ({@code SpeechConfig.builder().epochs(10).build()}) and checked
 * when made.
 *
 * @param architecture the network (default {@link Architecture#defaults()})
 * @param mfcc the features (default {@link MfccConfig#defaults()})
 * @param augmentation what is changed in training recordings each epoch (default {@link
 *     Augmentation#defaults()})
 * @param epochs most passes over the training set (default 40)
 * @param patience early stopping: epochs without a better validation loss (default 8)
 * @param batchSize utterances per update (default 32)
 * @param learningRate Adam's step size (default 0.003)
 * @param clipNorm the global gradient norm is clipped to this (default 5)
 * @param seed seeds the weights, the shuffling and the augmentation (default 1)
 */
public record SpeechConfig(
    Architecture architecture,
    MfccConfig mfcc,
    Augmentation augmentation,
    int epochs,
    int patience,
    int batchSize,
    double learningRate,
    double clipNorm,
    long seed) {

  public SpeechConfig {
    if (architecture == null || mfcc == null || augmentation == null) {
      throw new IllegalArgumentException("architecture, features and augmentation are required");
    }
    if (epochs < 1 || patience < 0 || batchSize < 1) {
      throw new IllegalArgumentException(
          "epochs and batch size must be at least 1 and patience 0 or more, got %d, %d, %d"
              .formatted(epochs, batchSize, patience));
    }
    if (!(learningRate > 0) || !(clipNorm >= 0)) {
      throw new IllegalArgumentException(
          "learning rate must be positive and clip norm 0 or more, got %s and %s"
              .formatted(learningRate, clipNorm));
    }
  }

  /** Every setting at its default. */
  public static SpeechConfig defaults() {
    return builder().build();
  }

  /** A builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with every setting as in this config. */
  public Builder toBuilder() {
    return builder()
        .architecture(architecture)
        .mfcc(mfcc)
        .augmentation(augmentation)
        .epochs(epochs)
        .patience(patience)
        .batchSize(batchSize)
        .learningRate(learningRate)
        .clipNorm(clipNorm)
        .seed(seed);
  }

  /**
   * Collects settings, each starting at its default (see {@link SpeechConfig}); {@link #build}
   * checks them.
   */
  public static final class Builder {
    private Architecture architecture = Architecture.defaults();
    private MfccConfig mfcc = MfccConfig.defaults();
    private Augmentation augmentation = Augmentation.defaults();
    private int epochs = 40;
    private int patience = 8;
    private int batchSize = 32;
    private double learningRate = 0.003;
    private double clipNorm = 5;
    private long seed = 1;

    private Builder() {}

    public Builder architecture(Architecture v) {
      architecture = v;
      return this;
    }

    public Builder mfcc(MfccConfig v) {
      mfcc = v;
      return this;
    }

    public Builder augmentation(Augmentation v) {
      augmentation = v;
      return this;
    }

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder patience(int v) {
      patience = v;
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

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * The config of these settings.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or out of range
     */
    public SpeechConfig build() {
      return new SpeechConfig(
          architecture,
          mfcc,
          augmentation,
          epochs,
          patience,
          batchSize,
          learningRate,
          clipNorm,
          seed);
    }
  }
}
