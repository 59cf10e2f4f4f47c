package org.rnnkit.audio;

/**
 * Triangular filters equally spaced on HTK's mel scale, applied to a power spectrum:
 *
 * <pre>
 *   mel(f) = 1127 ln(1 + f / 700)
 *   centres: mel_m = mel(low) + m (mel(high) - mel(low)) / (M + 1),  m = 0 .. M+1 (edges included)
 *   weight of FFT bin k (frequency f_k = k * rate / size) in filter m = 1 .. M:
 *     (mel(f_k) - mel_{m-1}) / (mel_m - mel_{m-1})   on the rising side,
 *     (mel_{m+1} - mel(f_k)) / (mel_{m+1} - mel_m)   on the falling side, 0 elsewhere
 *   E[m] = sum_k weight_m(k) P[k]
 * </pre>
 *
 * as HTK and Kaldi (triangles in mel, not in Hz; no area normalisation).
 */
public final class MelFilterbank {
  private final int bands;
  private final double sampleRate;
  private final int fftSize;
  private final double lowHz;
  private final double highHz;
  private final double[][] weights;

  /** Filter m's non-zero weights lie in bins {@code [firstBin[m], endBin[m])}. */
  private final int[] firstBin;

  private final int[] endBin;

  /**
   * @param bands M, at least 1
   * @param fftSize the FFT size whose {@code size/2 + 1} power bins the filters read
   * @param lowHz lower edge of the first filter, at least 0
   * @param highHz upper edge of the last filter, above lowHz and at most the Nyquist frequency
   */
  public MelFilterbank(int bands, double sampleRate, int fftSize, double lowHz, double highHz) {
    if (bands < 1 || fftSize < 2 || !(lowHz >= 0) || !(highHz > lowHz)) {
      throw new IllegalArgumentException(
          "a mel filterbank needs bands >= 1, an FFT size >= 2 and 0 <= low < high, got %d bands, size %d, %s..%s Hz"
              .formatted(bands, fftSize, lowHz, highHz));
    }
    if (highHz > sampleRate / 2 + 1e-9) {
      throw new IllegalArgumentException(
          "the filterbank's upper edge %s Hz is above the Nyquist frequency %s Hz of %s Hz audio"
              .formatted(highHz, sampleRate / 2, sampleRate));
    }
    this.bands = bands;
    this.sampleRate = sampleRate;
    this.fftSize = fftSize;
    this.lowHz = lowHz;
    this.highHz = highHz;
    this.weights = weights();
    this.firstBin = new int[bands];
    this.endBin = new int[bands];
    for (int m = 0; m < bands; m++) {
      int k = 0;
      while (k < weights[m].length && weights[m][k] == 0) {
        k++;
      }
      firstBin[m] = k;
      int end = weights[m].length;
      while (end > k && weights[m][end - 1] == 0) {
        end--;
      }
      endBin[m] = end;
    }
  }

  /** HTK's mel scale: {@code 1127 ln(1 + f / 700)}. */
  public static double mel(double hz) {
    return 1127 * Math.log(1 + hz / 700);
  }

  /** The inverse of {@link #mel}: {@code 700 (e^(m / 1127) - 1)}. */
  public static double hz(double mel) {
    return 700 * (Math.exp(mel / 1127) - 1);
  }

  /** The centre frequency of filter {@code m} ({@code 0 .. M-1}) in Hz. */
  public double centreHz(int m) {
    return hz(edgeMel(m + 1));
  }

  public int bands() {
    return bands;
  }

  private double edgeMel(int m) {
    double lowMel = mel(lowHz);
    return lowMel + m * (mel(highHz) - lowMel) / (bands + 1);
  }

  private double[][] weights() {
    int bins = fftSize / 2 + 1;
    double[][] w = new double[bands][bins];
    for (int m = 1; m <= bands; m++) {
      double left = edgeMel(m - 1);
      double centre = edgeMel(m);
      double right = edgeMel(m + 1);
      for (int k = 0; k < bins; k++) {
        double f = mel(k * sampleRate / fftSize);
        if (f > left && f <= centre) {
          w[m - 1][k] = (f - left) / (centre - left);
        } else if (f > centre && f < right) {
          w[m - 1][k] = (right - f) / (right - centre);
        }
      }
    }
    return w;
  }

  /**
   * @param power Not modified. {@code fftSize/2 + 1} bins.
   * @return the M filter energies {@code E[m]}
   */
  public double[] apply(double[] power) {
    if (power.length != fftSize / 2 + 1) {
      throw new IllegalArgumentException(
          "the filterbank reads %d power bins (FFT size %d), got %d"
              .formatted(fftSize / 2 + 1, fftSize, power.length));
    }
    double[] e = new double[bands];
    for (int m = 0; m < bands; m++) {
      double sum = 0;
      for (int k = firstBin[m]; k < endBin[m]; k++) {
        sum += weights[m][k] * power[k];
      }
      e[m] = sum;
    }
    return e;
  }
}
