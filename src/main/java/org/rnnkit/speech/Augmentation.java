package org.rnnkit.speech;

import java.util.Random;
import org.rnnkit.audio.Resampler;

/**
 * Random changes to a training recording, drawn afresh every epoch, so the network meets more
 * voices, rooms and noise than the data holds. On the waveform:
 *
 * <ul>
 *   <li>speed perturbation (Ko et al., Interspeech 2015): play the recording at a factor {@code s}
 *       drawn uniformly from {@code [1 - speedSpread, 1 + speedSpread]}, tempo and pitch together,
 *       by resampling {@code N} samples to {@code N / s};
 *   <li>additive white Gaussian noise, with probability {@code noiseProbability}, at an SNR drawn
 *       uniformly in dB from {@code [snrLowDb, snrHighDb]}: noise variance {@code P_x / 10^(snr /
 *       10)} with {@code P_x} the recording's mean square.
 * </ul>
 *
 * On the log mel spectrogram (SpecAugment, Park et al., Interspeech 2019): {@code timeMasks} blocks
 * of up to {@code timeMaskFrames} consecutive frames and {@code bandMasks} blocks of up to {@code
 * bandMaskWidth} consecutive mel bands, each set to the spectrogram's mean.
 *
 * @param speedSpread 0 for no speed change
 * @param noiseProbability 0 for no noise
 */
public record Augmentation(
    double speedSpread,
    double noiseProbability,
    double snrLowDb,
    double snrHighDb,
    int timeMasks,
    int timeMaskFrames,
    int bandMasks,
    int bandMaskWidth) {

  public Augmentation {
    if (!(speedSpread >= 0 && speedSpread < 0.5)) {
      throw new IllegalArgumentException("speed spread must be in [0, 0.5), got " + speedSpread);
    }
    if (!(noiseProbability >= 0 && noiseProbability <= 1) || !(snrLowDb <= snrHighDb)) {
      throw new IllegalArgumentException(
          "noise probability must be in [0, 1] and the SNR range low <= high, got %s, %s..%s dB"
              .formatted(noiseProbability, snrLowDb, snrHighDb));
    }
    if (timeMasks < 0 || timeMaskFrames < 0 || bandMasks < 0 || bandMaskWidth < 0) {
      throw new IllegalArgumentException("mask counts and sizes must be 0 or more");
    }
  }

  /**
   * Speed 0.9-1.1, noise on half the recordings at 5-30 dB SNR, two time masks of up to 5 frames,
   * two band masks of up to 3 bands.
   */
  public static Augmentation defaults() {
    return new Augmentation(0.1, 0.5, 5, 30, 2, 5, 2, 3);
  }

  /** No change at all. */
  public static Augmentation none() {
    return new Augmentation(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** True when this augmentation never changes anything. */
  public boolean isNone() {
    return equals(none());
  }

  /**
   * @param x Not modified. Samples at any rate.
   * @return a new waveform: speed-perturbed, then with noise when drawn
   */
  public double[] waveform(double[] x, Random rng) {
    double[] y = x;
    if (speedSpread > 0) {
      double s = 1 + speedSpread * (2 * rng.nextDouble() - 1);
      // N samples played s times faster are N / s samples at the same rate
      y = Resampler.resample(x, s, 1);
    }
    if (noiseProbability > 0 && rng.nextDouble() < noiseProbability) {
      double snrDb = snrLowDb + (snrHighDb - snrLowDb) * rng.nextDouble();
      y = withNoise(y, snrDb, rng);
    }
    return y == x ? x.clone() : y;
  }

  /** {@code y = x + n} with Gaussian {@code n} of variance {@code mean(x^2) / 10^(snr / 10)}. */
  static double[] withNoise(double[] x, double snrDb, Random rng) {
    double power = 0;
    for (double v : x) {
      power += v * v;
    }
    power /= Math.max(1, x.length);
    double sigma = Math.sqrt(power / Math.pow(10, snrDb / 10));
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] + sigma * rng.nextGaussian();
    }
    return y;
  }

  /**
   * @param logMel Modified: the masked blocks are set to the spectrogram's mean. {@code
   *     [frame][band]}.
   */
  public void maskEquals(double[][] logMel, Random rng) {
    int frames = logMel.length;
    int bands = logMel[0].length;
    double mean = 0;
    for (double[] row : logMel) {
      for (double v : row) {
        mean += v;
      }
    }
    mean /= (double) frames * bands;
    for (int m = 0; m < timeMasks; m++) {
      int width = Math.min(frames - 1, rng.nextInt(timeMaskFrames + 1));
      int start = rng.nextInt(frames - width + 1);
      for (int t = start; t < start + width; t++) {
        java.util.Arrays.fill(logMel[t], mean);
      }
    }
    for (int m = 0; m < bandMasks; m++) {
      int width = Math.min(bands - 1, rng.nextInt(bandMaskWidth + 1));
      int start = rng.nextInt(bands - width + 1);
      for (double[] row : logMel) {
        java.util.Arrays.fill(row, start, start + width, mean);
      }
    }
  }
}
