package org.rnnkit.forecast;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * The invertible preprocessing of a series, fitted on the training part only (no look-ahead):
 *
 * <pre>
 *   z_t = (boxcox(y_t; lambda) - s[t mod m]) / sigma
 *   boxcox(y; 0) = log y,   boxcox(y; lambda) = (y^lambda - 1) / lambda
 * </pre>
 *
 * where {@code s} are additive seasonal indices of the transformed training series (classical
 * decomposition: the mean detrended value at each position in the season, detrended by a centred
 * moving average, centred to sum to zero), used only when the season passes {@link
 * #isSeasonal(double[], int)}, and {@code sigma} is the standard deviation of the first differences
 * of the adjusted training series. {@link #invert} undoes all three for forecasts.
 *
 * @param lambda the Box-Cox parameter, or NaN for no power transform
 * @param season m, 1 for none
 * @param indices the m seasonal indices, zero when no season is removed
 * @param sigma the scale
 */
public record SeriesTransform(double lambda, int season, double[] indices, double sigma) {

  /**
   * The largest magnitude of a series value: the squares and sums of ten million differences of
   * such values (the transform's scale, the error metrics) stay finite doubles.
   */
  public static final double MAX_MAGNITUDE = 1e150;

  /**
   * Fails unless every value of {@code series} is within {@link #MAX_MAGNITUDE}, naming the first
   * that is not by its label.
   *
   * @throws IllegalArgumentException naming the value, its label and the fix
   */
  public static void checkMagnitude(org.rnnkit.data.TimeSeries series) {
    double[] y = series.values();
    for (int i = 0; i < y.length; i++) {
      if (!(Math.abs(y[i]) <= MAX_MAGNITUDE)) {
        throw new IllegalArgumentException(
            ("%s: the value %s at %s is beyond %.0e in magnitude, where the transform's scale and"
                    + " the error metrics (squares and sums of differences) overflow; give the"
                    + " series in larger units, e.g. divided by 1e100")
                .formatted(series.name(), y[i], series.label(i), MAX_MAGNITUDE));
      }
    }
  }

  /** How to choose the power transform. */
  public enum Power {
    /** Log for a strictly positive series, none otherwise. */
    AUTO,
    NONE,
    LOG,
    /** Box-Cox with lambda in [-1, 2] chosen by Guerrero's method (strictly positive series). */
    BOX_COX
  }

  /**
   * Fits the transform on a training series.
   *
   * @param train Not modified.
   * @param season m
   * @param power which power transform
   * @param deseasonalize whether to remove a season that passes the test
   */
  public static SeriesTransform fit(
      double[] train, int season, Power power, boolean deseasonalize) {
    checkMagnitude(org.rnnkit.data.TimeSeries.of("the training series", train));
    boolean positive = java.util.Arrays.stream(train).allMatch(v -> v > 0);
    if ((power == Power.LOG || power == Power.BOX_COX) && !positive) {
      throw new IllegalArgumentException(
          "a log or Box-Cox transform needs strictly positive values, but the series has values <= 0; use no transform");
    }
    double lambda =
        switch (power) {
          case LOG -> 0;
          case AUTO -> positive ? 0 : Double.NaN;
          case BOX_COX -> guerrero(train, Math.max(2, season));
          case NONE -> Double.NaN;
        };
    double[] z = new double[train.length];
    for (int t = 0; t < train.length; t++) {
      z[t] = boxCox(train[t], lambda);
    }
    int m = Math.max(1, season);
    double[] indices = new double[m];
    if (deseasonalize && m > 1 && train.length >= 3 * m && isSeasonal(z, m)) {
      indices = seasonalIndices(z, m);
    }
    // the adjusted series' first differences; sigma is their sample standard deviation
    double[] d = new double[z.length - 1];
    for (int t = 1; t < z.length; t++) {
      d[t - 1] = (z[t] - indices[t % m]) - (z[t - 1] - indices[(t - 1) % m]);
    }
    double variance = d.length > 1 ? new Variance().evaluate(d) : 0;
    double sigma = variance > 1e-24 ? Math.sqrt(variance) : 1;
    return new SeriesTransform(lambda, m, indices, sigma);
  }

  /**
   * The adjusted value of observation t, counted from the start of the fitted series (t may be
   * negative or past its end: the season repeats).
   */
  public double apply(double y, int t) {
    return (boxCox(y, lambda) - indices[Math.floorMod(t, season)]) / sigma;
  }

  /** All of {@code y}, which starts at observation 0. */
  public double[] apply(double[] y) {
    return apply(y, 0);
  }

  /** All of {@code y}, whose first value is observation {@code first}. */
  public double[] apply(double[] y, int first) {
    double[] z = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      z[i] = apply(y[i], first + i);
    }
    return z;
  }

  /** The series value whose adjusted value at observation t is {@code z}. */
  public double invert(double z, int t) {
    return inverseBoxCox(z * sigma + indices[Math.floorMod(t, season)], lambda);
  }

  /** Whether a season is removed. */
  public boolean deseasonalizes() {
    return java.util.Arrays.stream(indices).anyMatch(v -> v != 0);
  }

  /** Whether a power (log or Box-Cox) transform is applied. */
  public boolean hasPowerTransform() {
    return !Double.isNaN(lambda);
  }

  /**
   * Guerrero (1993): the lambda in [-1, 2] (steps of 0.01) that makes {@code sd_i / mean_i^(1 -
   * lambda)} most constant (smallest coefficient of variation) across consecutive blocks of {@code
   * block} values, i.e. that best stabilises the variance.
   */
  static double guerrero(double[] y, int block) {
    int blocks = y.length / block;
    if (blocks < 2) {
      return 0;
    }
    double[] mean = new double[blocks];
    double[] sd = new double[blocks];
    Mean meanOf = new Mean();
    StandardDeviation sdOf = new StandardDeviation();
    for (int i = 0; i < blocks; i++) {
      mean[i] = meanOf.evaluate(y, i * block, block);
      sd[i] = sdOf.evaluate(y, i * block, block);
    }
    double best = 0;
    double bestCv = Double.POSITIVE_INFINITY;
    for (int step = -100; step <= 200; step++) {
      double lambda = step / 100.0;
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < blocks; i++) {
        double ratio = sd[i] / Math.pow(mean[i], 1 - lambda);
        sum += ratio;
        sq += ratio * ratio;
      }
      double m = sum / blocks;
      double cv = Math.sqrt(Math.max(0, sq / blocks - m * m)) / m;
      if (cv < bestCv - 1e-12) {
        bestCv = cv;
        best = lambda;
      }
    }
    return best;
  }

  static double boxCox(double y, double lambda) {
    if (Double.isNaN(lambda)) {
      return y;
    }
    return lambda == 0 ? Math.log(y) : (Math.pow(y, lambda) - 1) / lambda;
  }

  static double inverseBoxCox(double z, double lambda) {
    if (Double.isNaN(lambda)) {
      return z;
    }
    // below the transform's range (lambda z + 1 <= 0) the inverse is 0, as R's InvBoxCox
    return lambda == 0 ? Math.exp(z) : Math.pow(Math.max(0, lambda * z + 1), 1 / lambda);
  }

  /**
   * A season of length m is present when, in the first differences {@code d} of the series (so that
   * a trend or mere persistence, such as the sunspot cycle, does not count), the lag-m
   * autocorrelation passes the 90% test used for the M4 benchmarks, {@code r_m > 1.645 sqrt((1 + 2
   * sum_{k<m} r_k^2) / n)}, and is a local peak: larger than {@code r_{m-1}} and {@code r_{m+1}}.
   */
  public static boolean isSeasonal(double[] z, int m) {
    int n = z.length - 1;
    if (m <= 1 || n < 3 * m) {
      return false;
    }
    double[] d = new double[n];
    for (int t = 0; t < n; t++) {
      d[t] = z[t + 1] - z[t];
    }
    double mean = java.util.Arrays.stream(d).average().orElse(0);
    double var = 0;
    for (double v : d) {
      var += (v - mean) * (v - mean);
    }
    if (var == 0) {
      return false;
    }
    double sum = 0;
    for (int k = 1; k < m; k++) {
      double r = autocorrelation(d, mean, var, k);
      sum += r * r;
    }
    double rm = autocorrelation(d, mean, var, m);
    boolean significant = rm > 1.645 * Math.sqrt((1 + 2 * sum) / n);
    boolean peak =
        rm > autocorrelation(d, mean, var, m - 1) && rm > autocorrelation(d, mean, var, m + 1);
    return significant && peak;
  }

  private static double autocorrelation(double[] z, double mean, double var, int lag) {
    double c = 0;
    for (int t = lag; t < z.length; t++) {
      c += (z[t] - mean) * (z[t - lag] - mean);
    }
    return c / var;
  }

  /** Classical additive decomposition's seasonal indices, centred to sum to zero. */
  static double[] seasonalIndices(double[] z, int m) {
    int n = z.length;
    double[] sum = new double[m];
    int[] count = new int[m];
    int half = m / 2;
    for (int t = half; t < n - half; t++) {
      // centred moving average: 2 x m for even m, m for odd m
      double trend;
      if (m % 2 == 0) {
        double s = 0.5 * z[t - half] + 0.5 * z[t + half];
        for (int k = t - half + 1; k < t + half; k++) {
          s += z[k];
        }
        trend = s / m;
      } else {
        double s = 0;
        for (int k = t - half; k <= t + half; k++) {
          s += z[k];
        }
        trend = s / m;
      }
      sum[t % m] += z[t] - trend;
      count[t % m]++;
    }
    double[] idx = new double[m];
    double mean = 0;
    for (int i = 0; i < m; i++) {
      idx[i] = count[i] > 0 ? sum[i] / count[i] : 0;
      mean += idx[i] / m;
    }
    for (int i = 0; i < m; i++) {
      idx[i] -= mean;
    }
    return idx;
  }
}
