package org.rnnkit.forecast;

import java.time.LocalDateTime;
import org.rnnkit.data.Frequency;
import org.rnnkit.data.TimeSeries;

/**
 * A trained ensemble with what it needs to forecast from any later history: where the training
 * history ended (its length n and, for a dated series, its last date and frequency), so that the
 * seasonal indices are applied at the right phase, and the calibration of its prediction interval.
 * Observations are counted from the first value of the training history: the training history is
 * observations {@code 0..n-1}.
 *
 * <p>The interval at step h: with {@code zhat_h} the ensemble's adjusted forecast and q the
 * calibrated quantile ({@link RecurrentForecaster}), {@code invert(zhat_h -+ q sqrt(h))}.
 *
 * @param ensemble the trained networks and their series transform
 * @param trainedLength n, the values the ensemble was trained on
 * @param frequency the spacing of the training dates, {@link Frequency#UNDATED} without dates
 * @param lastDate the date (and time of day) of observation n-1, or null without dates
 * @param horizon the horizon the networks were trained for (the default number of steps)
 * @param intervalQuantile q, in adjusted units, 0 or more
 * @param intervalLevel the interval's nominal coverage, in (0, 1)
 */
public record TrainedForecaster(
    ForecastEnsemble ensemble,
    int trainedLength,
    Frequency frequency,
    LocalDateTime lastDate,
    int horizon,
    double intervalQuantile,
    double intervalLevel) {

  public TrainedForecaster {
    if (trainedLength < 1 || horizon < 1) {
      throw new IllegalArgumentException(
          "trained length and horizon must be at least 1, got %d and %d"
              .formatted(trainedLength, horizon));
    }
    if (!(intervalQuantile >= 0) || !Double.isFinite(intervalQuantile)) {
      throw new IllegalArgumentException(
          "interval quantile must be finite and 0 or more, got " + intervalQuantile);
    }
    if (!(intervalLevel > 0 && intervalLevel < 1)) {
      throw new IllegalArgumentException("interval level must be in (0, 1), got " + intervalLevel);
    }
    if ((lastDate == null) != (frequency == Frequency.UNDATED)) {
      throw new IllegalArgumentException(
          "a last date needs a frequency and an undated forecaster no date, got %s and %s"
              .formatted(lastDate, frequency));
    }
  }

  /** A forecast with its prediction interval, for the steps after observation {@code end}. */
  public record Forecast(double[] point, double[] lower, double[] upper, double level, int end) {}

  /**
   * The trained forecaster of {@code fitted}, trained on {@code training} (whose dates, if any,
   * place later histories).
   */
  public static TrainedForecaster of(RecurrentForecaster.Fitted fitted, TimeSeries training) {
    int n = training.size();
    return new TrainedForecaster(
        fitted.ensemble(),
        n,
        training.frequency(),
        training.date(n - 1),
        fitted.point().length,
        fitted.intervalQuantile(),
        fitted.level());
  }

  /**
   * Forecasts {@code steps} values after {@code history}, whose last value is observation {@code
   * end} (counted from the first training value).
   *
   * @param history Not modified. At least the window of values.
   */
  public Forecast forecast(double[] history, int end, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + steps);
    }
    SeriesTransform transform = ensemble.transform();
    int first = end - history.length + 1;
    double[] z = transform.apply(history, first);
    double[] median = ensemble.adjustedForecast(z, z.length - 1, steps);
    double[] point = new double[steps];
    double[] lower = new double[steps];
    double[] upper = new double[steps];
    for (int h = 1; h <= steps; h++) {
      int t = end + h;
      double spread = intervalQuantile * Math.sqrt(h);
      point[h - 1] = transform.invert(median[h - 1], t);
      lower[h - 1] = transform.invert(median[h - 1] - spread, t);
      upper[h - 1] = transform.invert(median[h - 1] + spread, t);
    }
    return new Forecast(point, lower, upper, intervalLevel, end);
  }

  /** Forecasts {@code steps} values after {@code history}, placed by {@link #align}. */
  public Forecast forecast(TimeSeries history, int steps) {
    SeriesTransform.checkMagnitude(history);
    return forecast(history.values(), align(history), steps);
  }

  /**
   * Where {@code history} ends, counted from the first training value. With dates on both sides,
   * from the dates (same frequency, whole steps apart). Otherwise the season fixes what can be
   * accepted: a forecaster that removed no season has no phase, so any history will do; one that
   * did reads an undated history as starting where the training history started, which it must then
   * cover (at least n values), since a shorter one could sit anywhere in the season.
   *
   * @throws IllegalArgumentException when the history is too short or cannot be placed, saying what
   *     would do
   */
  public int align(TimeSeries history) {
    int window = ensemble.window();
    if (history.size() < window) {
      throw new IllegalArgumentException(
          "%s has %d values; the forecaster reads windows of %d, so it needs at least %d"
              .formatted(history.name(), history.size(), window, window));
    }
    int last = history.size() - 1;
    if (lastDate != null && history.dates() != null) {
      if (history.frequency() != frequency) {
        throw new IllegalArgumentException(
            "%s is %s but the forecaster was trained on %s data; give %s dates"
                .formatted(
                    history.name(), name(history.frequency()), name(frequency), name(frequency)));
      }
      long end = (trainedLength - 1) + frequency.stepsBetween(lastDate, history.date(last));
      if (Math.abs(end) > Integer.MAX_VALUE / 2) {
        throw new IllegalArgumentException(
            "%s ends at %s, too far from the training data's end %s"
                .formatted(history.name(), history.label(last), frequency.format(lastDate)));
      }
      return (int) end;
    }
    SeriesTransform transform = ensemble.transform();
    if (!transform.deseasonalizes() || history.size() >= trainedLength) {
      return last;
    }
    throw new IllegalArgumentException(
        ("%s has %d values%s, so where it sits in the season of %d is unknown (the forecaster"
                + " removed a season). Give dated rows%s, or the whole history from the first"
                + " training value on (at least %d values)")
            .formatted(
                history.name(),
                history.size(),
                history.dates() == null ? " and no dates" : "",
                transform.season(),
                lastDate == null
                    ? " (this forecaster was trained without dates: retrain it on dated data)"
                    : " (the training data ended at %s)".formatted(frequency.format(lastDate)),
                trainedLength));
  }

  private static String name(Frequency f) {
    return f.name().toLowerCase(java.util.Locale.ROOT);
  }
}
