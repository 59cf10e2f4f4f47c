package org.rnnkit.forecast;

import java.util.List;

/**
 * The statistical baselines every forecast is compared with (Hyndman and Athanasopoulos,
 * Forecasting: Principles and Practice, section 5.2), for a history {@code y_1..y_n}:
 *
 * <pre>
 *   naive            f_{n+h} = y_n
 *   seasonal naive   f_{n+h} = y_{n+h-m(k+1)},  k = floor((h-1)/m)
 *   drift            f_{n+h} = y_n + h (y_n - y_1) / (n - 1)
 * </pre>
 */
public final class Baselines {
  private Baselines() {}

  /** The naive, seasonal naive, drift and Holt-Winters forecasters for season m. */
  public static List<Forecaster> all(int season) {
    return List.of(naive(), seasonalNaive(season), drift(), new HoltWinters(season));
  }

  public static Forecaster naive() {
    return simple("naive", (y, h) -> y[y.length - 1]);
  }

  public static Forecaster seasonalNaive(int season) {
    int m = Math.max(1, season);
    return simple(
        "seasonal_naive",
        (y, h) -> {
          if (y.length < m) {
            throw new IllegalArgumentException(
                "seasonal naive needs a full season of %d values, got %d".formatted(m, y.length));
          }
          return y[y.length - m + (h - 1) % m];
        });
  }

  public static Forecaster drift() {
    return simple(
        "drift",
        (y, h) -> {
          double slope = y.length > 1 ? (y[y.length - 1] - y[0]) / (y.length - 1) : 0;
          return y[y.length - 1] + h * slope;
        });
  }

  private interface StepRule {
    double at(double[] history, int h);
  }

  private static Forecaster simple(String name, StepRule rule) {
    return Forecaster.of(
        name,
        (history, horizon) -> {
          if (history.length == 0 || horizon < 1) {
            throw new IllegalArgumentException(
                "%s needs a history and a horizon of at least 1, got %d values and horizon %d"
                    .formatted(name, history.length, horizon));
          }
          double[] f = new double[horizon];
          for (int h = 1; h <= horizon; h++) {
            f[h - 1] = rule.at(history, h);
          }
          return f;
        });
  }
}
