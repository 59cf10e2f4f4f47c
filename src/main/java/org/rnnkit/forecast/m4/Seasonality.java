package org.rnnkit.forecast.m4;

/**
 * The M4 benchmarks' seasonality test: a season of m periods is significant when the sample
 * autocorrelation at lag m exceeds its 90% one-sided limit (t = 1.645) under the hypothesis that
 * the autocorrelations beyond lag m - 1 are zero (Bartlett's formula):
 *
 * <pre>
 *   r_k  = sum_{t=1..n-k} (y_t - ybar)(y_{t+k} - ybar) / sum_{t=1..n} (y_t - ybar)^2
 *   seasonal  iff  m &gt; 1,  n &gt;= 3m,  m &lt;= K  and  |r_m| &gt; 1.645 sqrt((1 + 2 sum_{k=1..m-1} r_k^2) / n)
 * </pre>
 *
 * where {@code K = min(floor(10 log10 n), n - 1)} is the number of lags R's {@code acf} computes by
 * default: the competition's code reads lag m of that default and so finds no season whose period
 * exceeds K (24 hours need at least 252 values, 52 weeks about 158,000). Kept as the competition
 * ran it.
 */
public final class Seasonality {
  /** The one-sided 90% quantile of the standard normal distribution. */
  private static final double CRITICAL = 1.645;

  private Seasonality() {}

  /**
   * @param y Not modified. The series.
   * @param m the season to test
   * @return whether lag m's autocorrelation is significant
   */
  public static boolean isSignificant(double[] y, int m) {
    int n = y.length;
    if (m <= 1 || n < 3 * m || m > defaultLags(n)) {
      return false;
    }
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double variance = 0;
    for (double v : y) {
      variance += (v - mean) * (v - mean);
    }
    if (variance == 0) {
      return false;
    }
    double sumSquares = 0;
    for (int k = 1; k < m; k++) {
      double r = autocorrelation(y, mean, variance, k);
      sumSquares += r * r;
    }
    double limit = CRITICAL * Math.sqrt((1 + 2 * sumSquares) / n);
    return Math.abs(autocorrelation(y, mean, variance, m)) > limit;
  }

  /** R's default {@code lag.max} of {@code acf} for one series of n values. */
  static int defaultLags(int n) {
    return Math.min((int) Math.floor(10 * Math.log10(n)), n - 1);
  }

  private static double autocorrelation(double[] y, double mean, double variance, int k) {
    double sum = 0;
    for (int t = 0; t + k < y.length; t++) {
      sum += (y[t] - mean) * (y[t + k] - mean);
    }
    return sum / variance;
  }
}
