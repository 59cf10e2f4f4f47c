package org.rnnkit.audio;

/**
 * Mel-frequency cepstral coefficients, computed as HTK and Kaldi do, in two halves so that
 * augmentation can act on the log-mel spectrogram in between:
 *
 * <pre>
 *   logMel:   x -> pre-emphasis -> 25 ms Hamming frames every 10 ms -> |FFT|^2
 *               -> mel filterbank -> log                               T x M
 *   cepstra:  log-mel -> DCT-II (13 coefficients, c0 included)
 *               -> [deltas, delta-deltas] -> per-utterance CMVN         T x F
 * </pre>
 *
 * Each step is a function of {@link FeatureSteps} or {@link MelFilterbank}; the settings are an
 * {@link MfccConfig}. Thread-safe: it holds only the immutable filterbank.
 */
public final class Mfcc {
  private final MfccConfig config;
  private final MelFilterbank filterbank;
  private final int fftSize;

  public Mfcc(MfccConfig config) {
    this.config = config;
    this.fftSize = FeatureSteps.fftSize(config.windowSamples());
    this.filterbank =
        new MelFilterbank(
            config.melBands(), config.sampleRate(), fftSize, config.lowHz(), config.upperHz());
  }

  public MfccConfig config() {
    return config;
  }

  public MelFilterbank filterbank() {
    return filterbank;
  }

  /** The MFCC features of {@code audio}, resampled to the configured rate first: T x F. */
  public double[][] features(Audio audio) {
    return cepstra(logMel(audio.resampledTo(config.sampleRate()).samples()));
  }

  /**
   * The log mel spectrogram of samples at the configured rate.
   *
   * @return {@code [frame][band]}, at least one frame
   */
  public double[][] logMel(double[] samples) {
    double[] emphasised = FeatureSteps.preEmphasis(samples, config.preEmphasis());
    double[][] frames =
        FeatureSteps.hammingFrames(emphasised, config.windowSamples(), config.hopSamples());
    double[][] energies = new double[frames.length][];
    for (int t = 0; t < frames.length; t++) {
      energies[t] = filterbank.apply(FeatureSteps.powerSpectrum(frames[t], fftSize));
    }
    return FeatureSteps.log(energies);
  }

  /** The cepstral features of a log mel spectrogram: DCT, deltas as configured, CMVN. */
  public double[][] cepstra(double[][] logMel) {
    double[][] c = FeatureSteps.dct(logMel, config.coefficients());
    double[][] out = c;
    if (config.deltaOrder() >= 1) {
      double[][] d = FeatureSteps.deltas(c, MfccConfig.DELTA_WINDOW);
      out = FeatureSteps.concat(out, d);
      if (config.deltaOrder() == 2) {
        out = FeatureSteps.concat(out, FeatureSteps.deltas(d, MfccConfig.DELTA_WINDOW));
      }
    }
    return config.cmvn() ? FeatureSteps.cmvn(out) : out;
  }
}
