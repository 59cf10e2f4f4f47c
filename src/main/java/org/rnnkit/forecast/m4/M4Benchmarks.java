package org.rnnkit.forecast.m4;

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
   * Every benchmark's forecast of one history, sharing the seasonal adjustment and the three
   * exponential smoothing fits (as {@link #all} gives them, in less time).
   *
   * @param history Not modified.
   * @param m the season
   * @param horizon steps to forecast
   * @return forecasts by name, in {@link #NAMES} order
   */
  public static Map<String, double[]> forecastAll(double[] history, int m, int horizon) {
    checkArguments("each M4 benchmark", history, horizon);
    SeasonalAdjustment s = SeasonalAdjustment.of(history, m);
    double[] a = s.adjusted();
    double[] ses = smoothing(Trend.NONE).forecast(a, horizon);
    double[] holt = smoothing(Trend.ADDITIVE).forecast(a, horizon);
    double[] damped = smoothing(Trend.DAMPED).forecast(a, horizon);
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put("naive2", s.reseasonalize(naive(a, horizon)));
    out.put("ses", s.reseasonalize(ses));
    out.put("holt", s.reseasonalize(holt));
    out.put("damped", s.reseasonalize(damped));
    out.put("theta", s.reseasonalize(Theta.forecast(a, horizon)));
    out.put("comb", s.reseasonalize(mean(ses, holt, damped)));
    return out;
  }

  private static double[] naive(double[] a, int horizon) {
    double[] f = new double[horizon];
    java.util.Arrays.fill(f, a[a.length - 1]);
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
