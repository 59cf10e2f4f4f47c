package org.rnnkit.forecast.m4;

/**
 * How the M4 benchmarks remove a season before forecasting and put it back after: when the {@link
 * Seasonality} test finds the season m significant, the series is divided by its {@link
 * ClassicalDecomposition} indices and the forecasts of the adjusted series are multiplied by the
 * indices of their own positions; otherwise nothing changes (every index 1).
 *
 * <pre>
 *   a_t = y_t / s_{t mod m}        f_{n+h} = g_{n+h} s_{(n+h-1) mod m}      (t = 0..n-1, h = 1..H)
 * </pre>
 *
 * @param seasonal whether a season was found and removed
 * @param indices the seasonal indices by position (m of them), all 1 without a season; read only
 * @param adjusted the seasonally adjusted history {@code a}; read only
 */
public record SeasonalAdjustment(boolean seasonal, double[] indices, double[] adjusted) {

  /**
   * Tests the history for a season of m and removes it when significant.
   *
   * @param history Not modified. A season is removed only from strictly positive values.
   * @param m the season (1 for none)
   * @throws IllegalArgumentException when a significant season is found in a series with a value of
   *     0 or below, which a multiplicative decomposition cannot divide out
   */
  public static SeasonalAdjustment of(double[] history, int m) {
    if (!Seasonality.isSignificant(history, m)) {
      double[] ones = new double[Math.max(1, m)];
      java.util.Arrays.fill(ones, 1);
      return new SeasonalAdjustment(false, ones, history.clone());
    }
    for (double v : history) {
      if (v <= 0) {
        throw new IllegalArgumentException(
            "the series has a significant season of %d but a value of %s: the M4 benchmarks' multiplicative decomposition needs positive values; forecast it with season 1"
                .formatted(m, v));
      }
    }
    double[] indices = ClassicalDecomposition.multiplicativeIndices(history, m);
    double[] adjusted = new double[history.length];
    for (int t = 0; t < history.length; t++) {
      adjusted[t] = history[t] / indices[t % m];
    }
    return new SeasonalAdjustment(true, indices, adjusted);
  }

  /**
   * The forecasts of the adjusted series with the season put back.
   *
   * @param adjustedForecast Not modified. Forecasts of {@code a} for h = 1..H after its end.
   */
  public double[] reseasonalize(double[] adjustedForecast) {
    int n = adjusted.length;
    double[] f = new double[adjustedForecast.length];
    for (int h = 1; h <= f.length; h++) {
      f[h - 1] = adjustedForecast[h - 1] * indices[(n + h - 1) % indices.length];
    }
    return f;
  }
}
