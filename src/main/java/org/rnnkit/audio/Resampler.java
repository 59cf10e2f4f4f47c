package org.rnnkit.audio;

/**
 * Band-limited resampling between any two rates by windowed-sinc interpolation (Smith, "Digital
 * Audio Resampling", 2002). Output sample {@code n} sits at input time {@code u = n * from / to}
 * and is
 *
 * <pre>
 *   y[n] = sum_k x[k] * c * sinc(c * (u - k)) * w((u - k) / (Z / c)),   |u - k| &lt; Z / c
 *   c = ROLLOFF * min(1, to / from)          low-pass cutoff as a fraction of the input Nyquist
 *   w(v) = 0.5 + 0.5 cos(pi v)               Hann window over the kernel's half-width
 * </pre>
 *
 * with {@code sinc(v) = sin(pi v) / (pi v)} and {@code Z} zero crossings on each side. Going down
 * in rate, the kernel is stretched by {@code 1 / c}, so everything above the new Nyquist frequency
 * is removed before it could alias; going up, it only interpolates. Samples outside the input are
 * zero. The cost is {@code O(N_out * 2Z / c)}. The kernel {@code K(v) = sinc(v) w(v / Z)} is
 * tabulated at {@link #TABLE_STEPS} points per zero crossing and read with linear interpolation
 * (relative error below 1e-5), so no sine is evaluated per tap.
 */
public final class Resampler {
  /** Zero crossings of the sinc on each side of the kernel's centre. */
  static final int ZERO_CROSSINGS = 16;

  /** Cutoff as a fraction of the lower Nyquist frequency: the transition band sits below it. */
  static final double ROLLOFF = 0.94;

  /** Table points per zero crossing. */
  static final int TABLE_STEPS = 512;

  /** {@code K(v)} at {@code v = i / TABLE_STEPS}, {@code i = 0 .. Z * TABLE_STEPS + 1}. */
  private static final double[] KERNEL = kernelTable();

  private Resampler() {}

  /**
   * @param x Not modified. Samples at {@code from} Hz.
   * @return {@code round(N * to / from)} samples at {@code to} Hz (at least 1 for a non-empty x)
   */
  public static double[] resample(double[] x, double from, double to) {
    if (!(from > 0) || !(to > 0) || Double.isInfinite(from) || Double.isInfinite(to)) {
      throw new IllegalArgumentException(
          "resampling needs two positive rates, got %s Hz to %s Hz".formatted(from, to));
    }
    if (from == to) {
      return x.clone();
    }
    int outLength = x.length == 0 ? 0 : (int) Math.max(1, Math.round(x.length * to / from));
    double cutoff = ROLLOFF * Math.min(1, to / from);
    double halfWidth = ZERO_CROSSINGS / cutoff;
    double tableScale = cutoff * TABLE_STEPS;
    double step = from / to;
    double[] y = new double[outLength];
    for (int n = 0; n < outLength; n++) {
      double u = n * step;
      int first = Math.max(0, (int) Math.ceil(u - halfWidth));
      int last = Math.min(x.length - 1, (int) Math.floor(u + halfWidth));
      double sum = 0;
      for (int k = first; k <= last; k++) {
        // K(c |u - k|) from the table, linearly interpolated
        double pos = Math.abs(u - k) * tableScale;
        int i = (int) pos;
        double frac = pos - i;
        sum += x[k] * (KERNEL[i] + frac * (KERNEL[i + 1] - KERNEL[i]));
      }
      y[n] = cutoff * sum;
    }
    return y;
  }

  private static double[] kernelTable() {
    double[] table = new double[ZERO_CROSSINGS * TABLE_STEPS + 2];
    for (int i = 0; i < table.length; i++) {
      double v = (double) i / TABLE_STEPS;
      table[i] = sinc(v) * hann(v / ZERO_CROSSINGS);
    }
    return table;
  }

  /** {@code sin(pi v) / (pi v)}, 1 at 0. */
  static double sinc(double v) {
    if (Math.abs(v) < 1e-12) {
      return 1;
    }
    double a = Math.PI * v;
    return Math.sin(a) / a;
  }

  /** {@code 0.5 + 0.5 cos(pi v)} for {@code |v| <= 1}, else 0. */
  static double hann(double v) {
    return Math.abs(v) > 1 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * v);
  }
}
