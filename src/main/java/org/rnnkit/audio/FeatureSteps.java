package org.rnnkit.audio;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The steps of MFCC extraction as speech toolkits (HTK, Kaldi) compute them, each one small
 * function; {@link Mfcc} runs them in order and {@link MelFilterbank} holds the filters. Arrays are
 * {@code [frame][value]}; inputs are not modified.
 */
public final class FeatureSteps {
  /**
   * The smallest energy before the log: {@code log(max(e, LOG_FLOOR))}, so silence stays finite.
   */
  public static final double LOG_FLOOR = 1e-10;

  /** A feature whose standard deviation is below this is constant for CMVN and becomes 0. */
  public static final double STD_FLOOR = 1e-8;

  private FeatureSteps() {}

  /**
   * Pre-emphasis, a first-order high-pass that lifts the high frequencies voiced speech lacks:
   * {@code y[0] = x[0]}, {@code y[n] = x[n] - a x[n-1]}.
   */
  public static double[] preEmphasis(double[] x, double a) {
    double[] y = new double[x.length];
    for (int n = 0; n < x.length; n++) {
      y[n] = n == 0 ? x[0] : x[n] - a * x[n - 1];
    }
    return y;
  }

  /**
   * The number of frames of {@code width} samples every {@code hop} samples, frames lying inside
   * the signal (Kaldi's {@code snip-edges}): {@code 1 + floor((N - W) / H)}, and 1 for a signal
   * shorter than one frame (zero-padded).
   */
  public static int frameCount(int samples, int width, int hop) {
    return samples <= width ? 1 : 1 + (samples - width) / hop;
  }

  /**
   * Cuts {@code x} into {@link #frameCount} frames and multiplies each by the Hamming window {@code
   * w[n] = 0.54 - 0.46 cos(2 pi n / (W - 1))}; samples past the end are zero.
   */
  public static double[][] hammingFrames(double[] x, int width, int hop) {
    double[] window = new double[width];
    for (int n = 0; n < width; n++) {
      window[n] = width == 1 ? 1 : 0.54 - 0.46 * Math.cos(2 * Math.PI * n / (width - 1));
    }
    int count = frameCount(x.length, width, hop);
    double[][] frames = new double[count][width];
    for (int f = 0; f < count; f++) {
      for (int n = 0; n < width && f * hop + n < x.length; n++) {
        frames[f][n] = x[f * hop + n] * window[n];
      }
    }
    return frames;
  }

  /** The smallest power of two at least {@code n}: the FFT size of a frame of n samples. */
  public static int fftSize(int n) {
    return Integer.highestOneBit(Math.max(1, n - 1)) << 1;
  }

  /**
   * The power spectrum of one frame zero-padded to {@code size} (a power of two): {@code P[k] =
   * |X[k]|^2} for {@code k = 0 .. size/2}, with {@code X[k] = sum_n x[n] e^(-2 pi i k n / size)}
   * (commons-math3's FFT, unnormalised).
   */
  public static double[] powerSpectrum(double[] frame, int size) {
    double[][] reIm = new double[2][size];
    System.arraycopy(frame, 0, reIm[0], 0, Math.min(frame.length, size));
    FastFourierTransformer.transformInPlace(reIm, DftNormalization.STANDARD, TransformType.FORWARD);
    double[] power = new double[size / 2 + 1];
    for (int k = 0; k < power.length; k++) {
      power[k] = reIm[0][k] * reIm[0][k] + reIm[1][k] * reIm[1][k];
    }
    return power;
  }

  /** {@code y = log(max(x, LOG_FLOOR))} elementwise, natural log. */
  public static double[][] log(double[][] x) {
    double[][] y = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      y[t] = new double[x[t].length];
      for (int j = 0; j < x[t].length; j++) {
        y[t][j] = Math.log(Math.max(x[t][j], LOG_FLOOR));
      }
    }
    return y;
  }

  /**
   * DCT-II of each frame with HTK's scaling, keeping the first {@code count} coefficients:
   *
   * <pre>
   *   c[i] = sqrt(2 / M) sum_{j=0}^{M-1} m[j] cos(pi i (j + 0.5) / M),   i = 0 .. count-1
   * </pre>
   *
   * with M the number of mel bands; {@code c[0]} is then {@code sqrt(2/M)} times the sum of the log
   * energies, the frame's loudness.
   */
  public static double[][] dct(double[][] m, int count) {
    if (m.length == 0) {
      return new double[0][count];
    }
    int bands = m[0].length;
    if (count < 1 || count > bands) {
      throw new IllegalArgumentException(
          "a DCT of %d bands gives 1 to %d coefficients, asked for %d"
              .formatted(bands, bands, count));
    }
    double[][] basis = new double[count][bands];
    double scale = Math.sqrt(2.0 / bands);
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < bands; j++) {
        basis[i][j] = scale * Math.cos(Math.PI * i * (j + 0.5) / bands);
      }
    }
    double[][] c = new double[m.length][count];
    for (int t = 0; t < m.length; t++) {
      for (int i = 0; i < count; i++) {
        double sum = 0;
        for (int j = 0; j < bands; j++) {
          sum += basis[i][j] * m[t][j];
        }
        c[t][i] = sum;
      }
    }
    return c;
  }

  /**
   * HTK's regression deltas over {@code +-N} frames, the first and last frame repeated past the
   * edges:
   *
   * <pre>
   *   d[t] = sum_{n=1}^{N} n (c[t+n] - c[t-n]) / (2 sum_{n=1}^{N} n^2)
   * </pre>
   */
  public static double[][] deltas(double[][] c, int window) {
    int frames = c.length;
    double norm = 0;
    for (int n = 1; n <= window; n++) {
      norm += 2.0 * n * n;
    }
    double[][] d = new double[frames][];
    for (int t = 0; t < frames; t++) {
      d[t] = new double[c[t].length];
      for (int n = 1; n <= window; n++) {
        double[] ahead = c[Math.min(frames - 1, t + n)];
        double[] behind = c[Math.max(0, t - n)];
        for (int j = 0; j < d[t].length; j++) {
          d[t][j] += n * (ahead[j] - behind[j]) / norm;
        }
      }
    }
    return d;
  }

  /** Each frame of {@code a} followed by the same frame of {@code b}: {@code [a[t] | b[t]]}. */
  public static double[][] concat(double[][] a, double[][] b) {
    double[][] out = new double[a.length][];
    for (int t = 0; t < a.length; t++) {
      out[t] = new double[a[t].length + b[t].length];
      System.arraycopy(a[t], 0, out[t], 0, a[t].length);
      System.arraycopy(b[t], 0, out[t], a[t].length, b[t].length);
    }
    return out;
  }

  /**
   * Per-utterance cepstral mean and variance normalisation, each feature over the frames: {@code
   * y[t][j] = (x[t][j] - mean_j) / std_j} (population standard deviation), and 0 for a feature
   * whose standard deviation is below {@link #STD_FLOOR}. It removes a fixed channel (microphone,
   * room) and the speaker's overall level.
   */
  public static double[][] cmvn(double[][] x) {
    int frames = x.length;
    if (frames == 0) {
      return new double[0][];
    }
    int width = x[0].length;
    double[][] y = new double[frames][width];
    for (int j = 0; j < width; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j];
      }
      mean /= frames;
      double var = 0;
      for (double[] row : x) {
        var += (row[j] - mean) * (row[j] - mean);
      }
      double std = Math.sqrt(var / frames);
      for (int t = 0; t < frames; t++) {
        // a (nearly) constant feature, as in silence, carries nothing: 0, not rounding noise
        y[t][j] = std < STD_FLOOR ? 0 : (x[t][j] - mean) / std;
      }
    }
    return y;
  }
}
