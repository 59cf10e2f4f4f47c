package org.rnnkit.forecast;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Point-forecast accuracy on a hold-out, with {@code e_h = y_h - f_h} over h = 1..H:
 *
 * <pre>
 *   MAE   = mean |e_h|                     RMSE = sqrt(mean e_h^2)
 *   MAPE  = 100 mean |e_h / y_h|           sMAPE = 200 mean |e_h| / (|y_h| + |f_h|)   (M4, 0..200)
 *   MASE  = MAE / [ 1/(n-m) sum_{t>m} |y_t - y_{t-m}| ]   (in-sample seasonal naive, season m)
 * </pre>
 *
 * With season m = 1 the MASE scale is the in-sample naive (random walk) error. MAPE is NaN when an
 * actual value is 0, MASE when the scale is 0 (a constant history): undefined, not infinite.
 */
public final class Metrics {
  private Metrics() {}

  /** The metric names in report order. */
  public static final java.util.List<String> NAMES =
      java.util.List.of("MAE", "RMSE", "MAPE", "sMAPE", "MASE");

  /**
   * @param train Not modified. The in-sample series, for the MASE scale; longer than m.
   * @param actual Not modified. Hold-out values.
   * @param forecast Not modified. Forecasts, as many as {@code actual}.
   * @param season m for the MASE scale
   * @return the metrics by name, in {@link #NAMES} order
   */
  public static Map<String, Double> compute(
      double[] train, double[] actual, double[] forecast, int season) {
    if (actual.length != forecast.length || actual.length == 0) {
      throw new IllegalArgumentException(
          "need as many forecasts as actual values (at least 1), got %d and %d"
              .formatted(forecast.length, actual.length));
    }
    int m = Math.max(1, season);
    if (train.length <= m) {
      throw new IllegalArgumentException(
          "MASE needs more than %d in-sample values for season %d, got %d"
              .formatted(m, m, train.length));
    }
    double abs = 0;
    double sq = 0;
    double pct = 0;
    double spct = 0;
    for (int h = 0; h < actual.length; h++) {
      double e = actual[h] - forecast[h];
      abs += Math.abs(e);
      sq += e * e;
      pct += Math.abs(e / actual[h]);
      double denominator = Math.abs(actual[h]) + Math.abs(forecast[h]);
      spct += denominator == 0 ? 0 : Math.abs(e) / denominator;
    }
    int n = actual.length;
    double scale = 0;
    for (int t = m; t < train.length; t++) {
      scale += Math.abs(train[t] - train[t - m]);
    }
    scale /= train.length - m;
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("MAE", abs / n);
    out.put("RMSE", Math.sqrt(sq / n));
    // undefined, not infinite: MAPE with a zero actual value, MASE for a constant history
    boolean zeroActual = java.util.Arrays.stream(actual).anyMatch(v -> v == 0);
    out.put("MAPE", zeroActual ? Double.NaN : 100 * pct / n);
    out.put("sMAPE", 200 * spct / n);
    out.put("MASE", scale == 0 ? Double.NaN : abs / n / scale);
    return out;
  }
}
