package org.rnnkit.forecast.catalogue;

import java.util.Arrays;
import org.rnnkit.forecast.m4.M4Metrics;

/**
 * The conformity score of the catalogue's intervals: a backtest error divided by a scale that says
 * how hard its series is just then (the normalised score of Lei, G'Sell, Rinaldo, Tibshirani and
 * Wasserman, JASA 113(523), 2018, and of Papadopoulos, Haralambous and Gammerman, 2011), so that
 * calm series get narrow intervals and volatile ones wide, at the same coverage over the catalogue.
 * {@link ConformalIntervals} pools the scores of every series per step.
 *
 * <p>A backtest forecast {@code f} of series i made after {@code y[o-1]} (origin o) has the errors
 * {@code e_h = y[o+h-1] - f_h}, h = 1..H, and the scores
 *
 * <pre>
 *   r(o)    = mean |y[t] - y[t-m]| over t = max(m, o - L) .. o - 1,  L = 4H   (recent volatility)
 *   a       = mean |e| over the series' other backtest forecasts                (its own difficulty)
 *   s(o)    = sqrt( r(o) a )          (r(o) alone when the series has fewer than two of them)
 *   score_h = e_h / s(o)
 * </pre>
 *
 * The own difficulty leaves out the forecast being scored, so a score never divides by its own
 * error; the interval after the training part uses all the series' backtest forecasts, {@code [f +
 * s c_lo, f + s c_hi]} with c the pooled score quantiles. When the recent window did not change,
 * r(o) is the in-sample MASE scale of the whole history.
 *
 * <p>Chosen on backtest origins inside the training parts only (calibrated on two of the three
 * origins, scored on the third, each way round) of M4's weekly series and of synthetic hourly,
 * monthly, quarterly and yearly catalogues, by {@code bench/IntervalStudy.java}: against the MASE
 * scale of the whole fitted part, the recent window cut the weekly MSIS by a quarter and the own
 * difficulty by a little more on every catalogue; scores in logs did about as well but need
 * positive series.
 *
 * <p>Every method reads a series only before the origins it is given and within the backtest
 * windows: nothing after the training part.
 */
public final class NormalisedScore {
  /** L, the recent window of the volatility scale, in horizons. */
  static final int RECENT_HORIZONS = 4;

  private NormalisedScore() {}

  /**
   * One series' scores at its backtest forecasts.
   *
   * @param y Not modified. The series from its first observation; read before {@code origins[j] +
   *     H}.
   * @param origins Not modified. o_j of each backtest forecast.
   * @param forecasts Not modified. {@code forecasts[j]}: the H forecasts made at {@code
   *     origins[j]}.
   * @param season m
   * @return {@code [h-1][j]}: the score of step h of backtest forecast j
   */
  public static double[][] scores(double[] y, int[] origins, double[][] forecasts, int season) {
    int steps = steps(y, origins, forecasts);
    double[] absolute = new double[origins.length];
    double total = 0;
    for (int j = 0; j < origins.length; j++) {
      for (int h = 0; h < steps; h++) {
        absolute[j] += Math.abs(y[origins[j] + h] - forecasts[j][h]);
      }
      total += absolute[j];
    }
    double[][] scores = new double[steps][origins.length];
    for (int j = 0; j < origins.length; j++) {
      // a without this backtest forecast
      double own =
          origins.length >= 2
              ? (total - absolute[j]) / ((origins.length - 1) * (double) steps)
              : Double.NaN;
      double s = scale(y, origins[j], steps, season, own);
      for (int h = 0; h < steps; h++) {
        scores[h][j] = (y[origins[j] + h] - forecasts[j][h]) / s;
      }
    }
    return scores;
  }

  /**
   * s(o) for the interval of a forecast made at {@code origin}, after every backtest forecast.
   *
   * @param y Not modified. Read before {@code origin} only.
   * @param origin o, at or after the end of every backtest window
   * @param steps H
   * @param origins Not modified. The series' backtest origins (may be empty).
   * @param forecasts Not modified. Its backtest forecasts, each of H values.
   * @param season m
   */
  public static double scale(
      double[] y, int origin, int steps, int[] origins, double[][] forecasts, int season) {
    if (origins.length > 0 && steps(y, origins, forecasts) != steps) {
      throw new IllegalArgumentException(
          "the backtest forecasts have %d steps, the interval %d"
              .formatted(forecasts[0].length, steps));
    }
    double own = Double.NaN;
    if (origins.length >= 2) {
      double sum = 0;
      for (int j = 0; j < origins.length; j++) {
        if (origins[j] + steps > origin) {
          throw new IllegalArgumentException(
              "backtest forecast %d at origin %d runs past the interval's origin %d"
                  .formatted(j, origins[j], origin));
        }
        for (int h = 0; h < steps; h++) {
          sum += Math.abs(y[origins[j] + h] - forecasts[j][h]);
        }
      }
      own = sum / (origins.length * (double) steps);
    }
    return scale(y, origin, steps, season, own);
  }

  /** {@code s(o) = sqrt(r(o) a)}, or {@code r(o)} when {@code own} is NaN or 0. */
  private static double scale(double[] y, int origin, int steps, int m, double own) {
    double r = recentScale(y, origin, steps, m);
    return own > 0 ? Math.sqrt(r * own) : r;
  }

  /**
   * r(o): the mean of {@code |y[t] - y[t-m]|} over {@code t = max(m, o - 4H) .. o - 1}; the
   * in-sample MASE scale of the whole history when that window does not change.
   *
   * @param y Not modified. Read before {@code origin} only.
   * @throws IllegalArgumentException when the history has no more than m values or never changes
   */
  static double recentScale(double[] y, int origin, int steps, int m) {
    if (origin > y.length || origin <= m) {
      throw new IllegalArgumentException(
          "a scale needs more than m = %d values before the origin, got origin %d of %d values"
              .formatted(m, origin, y.length));
    }
    int from = Math.max(m, origin - RECENT_HORIZONS * steps);
    double sum = 0;
    for (int t = from; t < origin; t++) {
      sum += Math.abs(y[t] - y[t - m]);
    }
    if (sum > 0) {
      return sum / (origin - from);
    }
    double whole = M4Metrics.scale(Arrays.copyOf(y, origin), m);
    if (!(whole > 0)) {
      throw new IllegalArgumentException(
          "the %d values before the origin never change over %d steps, so no error can be scaled"
              .formatted(origin, m));
    }
    return whole;
  }

  /** H, checking that every backtest forecast has H values and its actual values exist. */
  private static int steps(double[] y, int[] origins, double[][] forecasts) {
    if (origins.length != forecasts.length || origins.length == 0) {
      throw new IllegalArgumentException(
          "give one forecast per backtest origin (at least one), got %d origins and %d forecasts"
              .formatted(origins.length, forecasts.length));
    }
    int steps = forecasts[0].length;
    for (int j = 0; j < origins.length; j++) {
      if (forecasts[j].length != steps
          || steps == 0
          || origins[j] < 1
          || origins[j] + steps > y.length) {
        throw new IllegalArgumentException(
            ("backtest forecast %d needs %d step(s) like the first (at least 1) and its actual"
                    + " values, got %d steps at origin %d of %d values")
                .formatted(j, steps, forecasts[j].length, origins[j], y.length));
      }
    }
    return steps;
  }
}
