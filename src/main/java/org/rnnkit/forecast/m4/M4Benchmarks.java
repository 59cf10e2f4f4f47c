package org.rnnkit.forecast.m4;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.m4.ExponentialSmoothing.Trend;

/**
 * The statistical benchmarks of the M4 competition, as its code ({@code Benchmarks and
 * Evaluation.R} of the repository Mcompetitions/M4-methods, with R's forecast package) defined
 * them. Each removes a significant season first ({@link SeasonalAdjustment}: the 90%
 * autocorrelation test at lag m, classical multiplicative decomposition), forecasts the adjusted
 * series, and puts the season back:
 *
 * <pre>
 *   naive2   the last adjusted value                    (naive on the adjusted series)
 *   ses      simple exponential smoothing               ETS(A,N,N), MSE fit
 *   holt     Holt's linear trend                        ETS(A,A,N), MSE fit
 *   damped   damped trend                               ETS(A,Ad,N), MSE fit
 *   theta    the classic Theta method                   (forecasts below 0 become 0)
 *   comb     (ses + holt + damped) / 3
 * </pre>
 *
 * Naive2 is the benchmark every OWA is relative to. The competition's m: 1 yearly, 4 quarterly, 12
 * monthly, 1 weekly, 1 daily, 24 hourly. Exponential smoothing needs 7 (SES, Theta), 9 (Holt) or 10
 * (damped, Comb) values; see {@link ExponentialSmoothing}.
 */
public final class M4Benchmarks {
  /** The benchmarks' names, in the competition's order. */
  public static final List<String> NAMES =
      List.of("naive2", "ses", "holt", "damped", "theta", "comb");

  private M4Benchmarks() {}

  /** A method on the seasonally adjusted series. */
  private interface Method {
    double[] forecast(double[] adjusted, int horizon);
  }

  /** Naive2, after the competition's seasonal adjustment for season m. */
  public static Forecaster naive2(int m) {
    return adjusted("naive2", m, M4Benchmarks::naive);
  }

  /** Simple exponential smoothing, after the competition's seasonal adjustment for season m. */
  public static Forecaster ses(int m) {
    return adjusted("ses", m, smoothing(Trend.NONE));
  }

  /** Holt's linear trend, after the competition's seasonal adjustment for season m. */
  public static Forecaster holt(int m) {
    return adjusted("holt", m, smoothing(Trend.ADDITIVE));
  }

  /** Damped trend, after the competition's seasonal adjustment for season m. */
  public static Forecaster damped(int m) {
    return adjusted("damped", m, smoothing(Trend.DAMPED));
  }

  /** The classic Theta method, after the competition's seasonal adjustment for season m. */
  public static Forecaster theta(int m) {
    return adjusted("theta", m, Theta::forecast);
  }

  /** Comb (the mean of SES, Holt and damped) after the seasonal adjustment for season m. */
  public static Forecaster comb(int m) {
    return adjusted("comb", m, M4Benchmarks::comb);
  }

  /** The six benchmarks for season m, in {@link #NAMES} order. */
  public static List<Forecaster> all(int m) {
    return List.of(naive2(m), ses(m), holt(m), damped(m), theta(m), comb(m));
  }

  /**
   * The benchmarks' forecasts of one history, and why the others could not run.
   *
   * @param forecasts by name, in {@link #NAMES} order: the methods the history is long enough for
   * @param failures by name, in {@link #NAMES} order: a one-line reason for each method left out
   */
  public record Forecasts(Map<String, double[]> forecasts, Map<String, String> failures) {}

  /**
   * The fewest values a benchmark forecasts from: 1 for Naive2, 7 for SES and Theta, 9 for Holt, 10
   * for damped and Comb ({@link ExponentialSmoothing#minimumLength}).
   *
   * @param name one of {@link #NAMES}
   */
  public static int minimumLength(String name) {
    return switch (name) {
      case "naive2" -> 1;
      case "ses", "theta" -> ExponentialSmoothing.minimumLength(Trend.NONE);
      case "holt" -> ExponentialSmoothing.minimumLength(Trend.ADDITIVE);
      case "damped", "comb" -> ExponentialSmoothing.minimumLength(Trend.DAMPED);
      default ->
          throw new IllegalArgumentException(
              "no M4 benchmark is called %s; the benchmarks are %s".formatted(name, NAMES));
    };
  }

  /**
   * Every benchmark's forecast of one history, sharing the seasonal adjustment and the three
   * exponential smoothing fits (as {@link #all} gives them, in less time). A history too short for
   * some methods gets the others, and a failure naming the length each missing one needs.
   *
   * @param history Not modified. Finite values.
   * @param m the season
   * @param horizon steps to forecast
   * @throws IllegalArgumentException for a bad history (empty, non-finite, or seasonal with a value
   *     of 0 or below), which no benchmark can forecast
   */
  public static Forecasts forecastAll(double[] history, int m, int horizon) {
    checkArguments("each M4 benchmark", history, horizon);
    SeasonalAdjustment s = SeasonalAdjustment.of(history, m);
    double[] a = s.adjusted();
    Map<Trend, double[]> smoothed = new EnumMap<>(Trend.class);
    for (Trend trend : Trend.values()) {
      if (a.length >= ExponentialSmoothing.minimumLength(trend)) {
        smoothed.put(trend, smoothing(trend).forecast(a, horizon));
      }
    }
    Map<String, double[]> forecasts = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (String name : NAMES) {
      if (a.length < minimumLength(name)) {
        failures.put(
            name,
            "%s needs at least %d values, got %d".formatted(name, minimumLength(name), a.length));
        continue;
      }
      double[] adjusted =
          switch (name) {
            case "naive2" -> naive(a, horizon);
            case "ses" -> smoothed.get(Trend.NONE);
            case "holt" -> smoothed.get(Trend.ADDITIVE);
            case "damped" -> smoothed.get(Trend.DAMPED);
            case "theta" -> Theta.forecast(a, horizon);
            default ->
                mean(
                    smoothed.get(Trend.NONE),
                    smoothed.get(Trend.ADDITIVE),
                    smoothed.get(Trend.DAMPED));
          };
      forecasts.put(name, s.reseasonalize(adjusted));
    }
    return new Forecasts(forecasts, failures);
  }

  private static double[] naive(double[] a, int horizon) {
    double[] f = new double[horizon];
    Arrays.fill(f, a[a.length - 1]);
    return f;
  }

  private static Method smoothing(Trend trend) {
    return (a, horizon) -> ExponentialSmoothing.fit(a, trend).forecast(horizon);
  }

  private static double[] comb(double[] a, int horizon) {
    return mean(
        smoothing(Trend.NONE).forecast(a, horizon),
        smoothing(Trend.ADDITIVE).forecast(a, horizon),
        smoothing(Trend.DAMPED).forecast(a, horizon));
  }

  private static double[] mean(double[] x, double[] y, double[] z) {
    double[] f = new double[x.length];
    for (int h = 0; h < f.length; h++) {
      f[h] = (x[h] + y[h] + z[h]) / 3;
    }
    return f;
  }

  private static void checkArguments(String name, double[] history, int horizon) {
    if (history.length == 0 || horizon < 1) {
      throw new IllegalArgumentException(
          "%s needs a history and a horizon of at least 1, got %d values and horizon %d"
              .formatted(name, history.length, horizon));
    }
    for (int t = 0; t < history.length; t++) {
      if (!Double.isFinite(history[t])) {
        throw new IllegalArgumentException(
            "%s needs finite values, got %s at position %d of %d: fill or drop missing values first"
                .formatted(name, history[t], t + 1, history.length));
      }
    }
  }

  private static Forecaster adjusted(String name, int m, Method method) {
    if (m < 1) {
      throw new IllegalArgumentException("the season m must be at least 1, got " + m);
    }
    return Forecaster.of(
        name,
        (history, horizon) -> {
          checkArguments(name, history, horizon);
          SeasonalAdjustment s = SeasonalAdjustment.of(history, m);
          return s.reseasonalize(method.forecast(s.adjusted(), horizon));
        });
  }
}
