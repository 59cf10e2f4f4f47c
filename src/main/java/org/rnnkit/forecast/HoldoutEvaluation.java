package org.rnnkit.forecast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnkit.data.TimeSeries;

/**
 * An honest hold-out comparison: the last {@code holdout} values are hidden; the recurrent
 * forecaster and every baseline see only the values before them, forecast the same steps, and are
 * scored with the same {@link Metrics}. With a hold-out of 0 everything is fitted on the whole
 * series and forecasts the steps after it (no metrics).
 *
 * @param series the whole series
 * @param season m used for the baselines, the transform and MASE
 * @param holdout values hidden at the end (0 for none)
 * @param horizon steps forecast
 * @param fitted the recurrent forecaster's result
 * @param forecasts every method's point forecasts by name, the model first
 * @param metrics every method's metrics by name, same order (empty without a hold-out)
 * @param coverage share of hold-out values inside the model's interval (NaN without a hold-out)
 */
public record HoldoutEvaluation(
    TimeSeries series,
    int season,
    int holdout,
    int horizon,
    String model,
    RecurrentForecaster.Fitted fitted,
    Map<String, double[]> forecasts,
    Map<String, Map<String, Double>> metrics,
    double coverage) {

  /**
   * @param horizon steps to forecast; with a hold-out it must not exceed it (only the first {@code
   *     horizon} hold-out values are scored)
   */
  public static HoldoutEvaluation run(
      TimeSeries series, int season, int holdout, int horizon, RecurrentForecaster forecaster) {
    if (holdout < 0 || horizon < 1) {
      throw new IllegalArgumentException(
          "hold-out must be 0 or more and horizon at least 1, got %d and %d"
              .formatted(holdout, horizon));
    }
    if (holdout > 0 && horizon > holdout) {
      throw new IllegalArgumentException(
          "horizon %d is longer than the hold-out %d; forecast at most the held-out steps"
              .formatted(horizon, holdout));
    }
    double[] all = series.values();
    if (holdout >= all.length) {
      throw new IllegalArgumentException(
          "hold-out %d leaves no history in a series of %d values".formatted(holdout, all.length));
    }
    double[] train = Arrays.copyOf(all, all.length - holdout);
    double[] actual =
        Arrays.copyOfRange(all, train.length, train.length + Math.min(holdout, horizon));
    RecurrentForecaster.Fitted fitted = forecaster.fit(train, horizon);
    Map<String, double[]> forecasts = new LinkedHashMap<>();
    forecasts.put(forecaster.name(), fitted.point());
    for (Forecaster baseline : Baselines.all(season)) {
      forecasts.put(baseline.name(), baseline.forecast(train, horizon));
    }
    Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
    double coverage = Double.NaN;
    if (holdout > 0) {
      for (var e : forecasts.entrySet()) {
        metrics.put(e.getKey(), Metrics.compute(train, actual, e.getValue(), season));
      }
      int inside = 0;
      for (int h = 0; h < actual.length; h++) {
        inside += actual[h] >= fitted.lower()[h] && actual[h] <= fitted.upper()[h] ? 1 : 0;
      }
      coverage = (double) inside / actual.length;
    }
    return new HoldoutEvaluation(
        series, season, holdout, horizon, forecaster.name(), fitted, forecasts, metrics, coverage);
  }

  /** The nominal coverage of the model's prediction interval. */
  public double intervalLevel() {
    return fitted.level();
  }

  /** The number of values the methods were fitted on. */
  public int trainSize() {
    return series.size() - holdout;
  }
}
