package org.rnnkit.forecast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param forecasts every method's point forecasts by name, the model first (a baseline whose fit
 *     failed is left out)
 * @param metrics every method's metrics by name, same order (empty without a hold-out)
 * @param coverage share of hold-out values inside the model's interval (NaN without a hold-out)
 * @param failed each baseline whose fit failed, with the reason; the others and the model stand
 * @param seasonal whether the training part has a significant season of length {@code season}
 *     ({@link SeriesTransform#isSeasonal}, on the model's power-transformed scale)
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
    double coverage,
    Map<String, String> failed,
    boolean seasonal) {

  /**
   * @param horizon steps to forecast; with a hold-out it must not exceed it (only the first {@code
   *     horizon} hold-out values are scored)
   */
  public static HoldoutEvaluation run(
      TimeSeries series, int season, int holdout, int horizon, RecurrentForecaster forecaster) {
    return run(series, season, holdout, horizon, forecaster, Baselines.all(season));
  }

  /** As {@link #run(TimeSeries, int, int, int, RecurrentForecaster)} with the given baselines. */
  static HoldoutEvaluation run(
      TimeSeries series,
      int season,
      int holdout,
      int horizon,
      RecurrentForecaster forecaster,
      List<Forecaster> baselines) {
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
    SeriesTransform.checkMagnitude(series);
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
    Map<String, String> failed = new LinkedHashMap<>();
    for (Forecaster baseline : baselines) {
      // a baseline that cannot be fitted is reported as failed; it never takes the others down
      try {
        double[] f = baseline.forecast(train, horizon);
        if (!Arrays.stream(f).allMatch(Double::isFinite)) {
          throw new IllegalStateException("its forecast is not finite");
        }
        forecasts.put(baseline.name(), f);
      } catch (RuntimeException e) {
        failed.put(baseline.name(), String.valueOf(e.getMessage()));
      }
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
    boolean seasonal = isSeasonal(train, season, fitted.ensemble().transform());
    return new HoldoutEvaluation(
        series,
        season,
        holdout,
        horizon,
        forecaster.name(),
        fitted,
        forecasts,
        metrics,
        coverage,
        failed,
        seasonal);
  }

  private static boolean isSeasonal(double[] train, int season, SeriesTransform transform) {
    double[] z = new double[train.length];
    for (int t = 0; t < z.length; t++) {
      z[t] = SeriesTransform.boxCox(train[t], transform.lambda());
    }
    return SeriesTransform.isSeasonal(z, season);
  }

  /**
   * The baseline with the lowest MASE on the hold-out (sMAPE where MASE is undefined), or null
   * without a hold-out or without a baseline that was fitted.
   */
  public String bestBaseline() {
    String best = null;
    for (String name : metrics.keySet()) {
      if (!name.equals(model) && (best == null || score(name) < score(best))) {
        best = name;
      }
    }
    return best;
  }

  /** Whether the model's MASE (sMAPE where undefined) is lower than the best baseline's. */
  public boolean beatsBestBaseline() {
    String best = bestBaseline();
    return best != null && score(model) < score(best);
  }

  /** The score methods are ranked by: MASE, or sMAPE when MASE is undefined. */
  public String scoreName() {
    return metrics.values().stream().allMatch(m -> Double.isFinite(m.get("MASE")))
        ? "MASE"
        : "sMAPE";
  }

  /** The ranking score of a method on the hold-out. */
  public double score(String method) {
    return metrics.get(method).get(scoreName());
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
