package org.rnnkit.forecast;

/**
 * A smoothed level of the adjusted series, given to the network beside the series itself: simple
 * exponential smoothing,
 *
 * <pre>
 *   l_0 = z_0,   l_t = alpha z_t + (1 - alpha) l_{t-1}
 * </pre>
 *
 * with alpha chosen on the training series to minimise the one-step errors {@code z_t - l_{t-1}}. A
 * trending or random-walk-like series gets alpha near 1 (the level follows the last value); a
 * noisy, mean-reverting series gets a small alpha (the level is a local mean, which tells the
 * network how much of the last value is noise).
 *
 * @param alpha the smoothing weight in (0, 1]
 */
public record SmoothedLevel(double alpha) {

  public SmoothedLevel {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("smoothing weight must be in (0, 1], got " + alpha);
    }
  }

  /** The alpha in {0.02, 0.04, ..., 1} with the smallest one-step squared error on {@code z}. */
  public static SmoothedLevel fit(double[] z) {
    double bestAlpha = 1;
    double bestError = Double.POSITIVE_INFINITY;
    for (int i = 1; i <= 50; i++) {
      double alpha = i / 50.0;
      double level = z[0];
      double error = 0;
      for (int t = 1; t < z.length; t++) {
        double e = z[t] - level;
        error += e * e;
        level += alpha * e;
      }
      if (error < bestError) {
        bestError = error;
        bestAlpha = alpha;
      }
    }
    return new SmoothedLevel(bestAlpha);
  }

  /** {@code l_0 .. l_{n-1}} for {@code z[0..n-1]}. */
  public double[] levels(double[] z, int n) {
    double[] l = new double[n];
    l[0] = z[0];
    for (int t = 1; t < n; t++) {
      l[t] = next(l[t - 1], z[t]);
    }
    return l;
  }

  /** {@code l_t} from {@code l_{t-1}} and {@code z_t}. */
  public double next(double previous, double z) {
    return alpha * z + (1 - alpha) * previous;
  }
}
