package org.rnnkit.speech;

import org.rnnkit.audio.MfccConfig;

/**
 * Everything a training run of the word classifier is given; immutable, defaults from {@link
 * #defaults()}.
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

  public static SpeechConfig defaults() {
    return new SpeechConfig(
        Architecture.defaults(),
        MfccConfig.defaults(),
        Augmentation.defaults(),
        40,
        8,
        32,
        0.003,
        5,
        1);
  }

  public SpeechConfig withArchitecture(Architecture v) {
    return new SpeechConfig(
        v, mfcc, augmentation, epochs, patience, batchSize, learningRate, clipNorm, seed);
  }

  public SpeechConfig withMfcc(MfccConfig v) {
    return new SpeechConfig(
        architecture, v, augmentation, epochs, patience, batchSize, learningRate, clipNorm, seed);
  }

  public SpeechConfig withAugmentation(Augmentation v) {
    return new SpeechConfig(
        architecture, mfcc, v, epochs, patience, batchSize, learningRate, clipNorm, seed);
  }

  public SpeechConfig withEpochs(int v) {
    return new SpeechConfig(
        architecture, mfcc, augmentation, v, patience, batchSize, learningRate, clipNorm, seed);
  }

  public SpeechConfig withPatience(int v) {
    return new SpeechConfig(
        architecture, mfcc, augmentation, epochs, v, batchSize, learningRate, clipNorm, seed);
  }

  public SpeechConfig withLearningRate(double v) {
    return new SpeechConfig(
        architecture, mfcc, augmentation, epochs, patience, batchSize, v, clipNorm, seed);
  }

  public SpeechConfig withSeed(long v) {
    return new SpeechConfig(
        architecture, mfcc, augmentation, epochs, patience, batchSize, learningRate, clipNorm, v);
  }
}
