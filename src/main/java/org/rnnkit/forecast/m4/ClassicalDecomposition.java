package org.rnnkit.forecast.m4;

/**
 * Classical multiplicative decomposition, as R's {@code decompose(type = "multiplicative")}: a
 * centred moving average of order m (for even m, a 2 x m average) estimates the trend,
 *
 * <pre>
 *   T_t = 1/m ( y_{t-m/2}/2 + y_{t-m/2+1} + ... + y_{t+m/2-1} + y_{t+m/2}/2 )   (even m)
 *   T_t = 1/m ( y_{t-(m-1)/2} + ... + y_{t+(m-1)/2} )                           (odd m)
 *   S_j = mean over the t = j, j + m, j + 2m, ... where T_t exists of y_t / T_t,   j = 0..m-1
 *   s_j = S_j / mean(S)                                           (indices average to 1)
 * </pre>
 *
 * and observation t (counted from 0 at the first value) has seasonal index {@code s_{t mod m}}.
 */
public final class ClassicalDecomposition {
  private ClassicalDecomposition() {}

  /**
   * @param y Not modified. At least 2m values.
   * @param m the season, at least 2
   * @return the m seasonal indices, index j for the observations t with t mod m = j
   */
  public static double[] multiplicativeIndices(double[] y, int m) {
    if (m < 2 || y.length < 2 * m) {
      throw new IllegalArgumentException(
          "a decomposition needs a season of at least 2 and two full seasons, got m = %d and %d values"
              .formatted(m, y.length));
    }
    int half = m / 2;
    double[] sum = new double[m];
    int[] count = new int[m];
    for (int t = half; t + half < y.length; t++) {
      double trend = 0;
      if (m % 2 == 0) {
        trend = (y[t - half] + y[t + half]) / 2;
        for (int k = -half + 1; k < half; k++) {
          trend += y[t + k];
        }
      } else {
        for (int k = -half; k <= half; k++) {
          trend += y[t + k];
        }
      }
      trend /= m;
      sum[t % m] += y[t] / trend;
      count[t % m]++;
    }
    double[] indices = new double[m];
    double total = 0;
    for (int j = 0; j < m; j++) {
      indices[j] = sum[j] / count[j];
      total += indices[j];
    }
    for (int j = 0; j < m; j++) {
      indices[j] /= total / m;
    }
    return indices;
  }
}
