package org.rnnkit.forecast.m4;

/**
 * The least-squares line {@code a + b t} through the first k values of a series at t = 1..k:
 *
 * <pre>
 *   b = sum (t - tbar)(y_t - ybar) / sum (t - tbar)^2      a = ybar - b tbar
 * </pre>
 *
 * (b = 0 for a single value).
 *
 * @param intercept a
 * @param slope b
 */
record LeastSquaresLine(double intercept, double slope) {

  /**
   * @param y Not modified.
   * @param k how many of the first values to fit, at least 1
   */
  static LeastSquaresLine fit(double[] y, int k) {
    double meanT = (k + 1) / 2.0;
    double meanY = 0;
    for (int t = 0; t < k; t++) {
      meanY += y[t];
    }
    meanY /= k;
    double sxy = 0;
    double sxx = 0;
    for (int t = 1; t <= k; t++) {
      sxy += (t - meanT) * (y[t - 1] - meanY);
      sxx += (t - meanT) * (t - meanT);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    return new LeastSquaresLine(meanY - slope * meanT, slope);
  }

  /** a + b t. */
  double at(double t) {
    return intercept + slope * t;
  }
}
