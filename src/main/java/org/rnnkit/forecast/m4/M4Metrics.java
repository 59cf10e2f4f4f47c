package org.rnnkit.forecast.m4;

import java.util.Collection;
import java.util.function.ToDoubleFunction;
import org.rnnkit.data.Frequency;

/**
 * The accuracy measures of the M4 competition (Makridakis, Spiliotis and Assimakopoulos, "The M4
 * Competition: 100,000 time series and 61 forecasting methods", IJF 36(1), 2020), computed as its
 * evaluation code computes them. For one series with in-sample values {@code y_1..y_n}, actual
 * values {@code Y_t} and forecasts {@code F_t} over the horizon {@code t = n+1..n+h}, season m:
 *
 * <pre>
 *   scale  = 1/(n-m) sum_{t=m+1..n} |y_t - y_{t-m}|          (in-sample seasonal naive MAE)
 *   sMAPE  = 1/h sum_t 200 |Y_t - F_t| / (|Y_t| + |F_t|)      (0..200)
 *   MASE   = 1/h sum_t |Y_t - F_t| / scale
 *   MSIS   = 1/h sum_t [ (U_t - L_t) + 2/a (L_t - Y_t) 1{Y_t &lt; L_t} + 2/a (Y_t - U_t) 1{Y_t &gt; U_t} ]
 *            / scale                                           (interval [L, U] at level 1 - a)
 *   coverage = 1/h sum_t 1{L_t &lt;= Y_t &lt;= U_t}
 *   OWA    = ( sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2 ) / 2
 * </pre>
 *
 * Over a set of series each measure is the mean of the per-series values (with a common horizon,
 * the mean over every series and step, as the competition averaged). The competition's OWA divides
 * those means ({@link #owa(Score, Score)} applied to two {@link #mean} scores); the same formula on
 * one series' scores gives that series' OWA. The competition used m = 1 for yearly and weekly data,
 * 4 quarterly, 12 monthly, 1 daily, 24 hourly; M4's intervals are at 95% (a = 0.05).
 *
 * <p>Departure: a step where both the actual and the forecast are 0 counts 0 in sMAPE (R's code
 * gives NaN there; the forecast was exact). MASE and MSIS are NaN for a history whose seasonal
 * differences are all 0 (R divides by zero): undefined, never infinite. Every value must be finite:
 * a NaN or infinite value is refused, naming the array and the step, rather than scored (a NaN
 * interval end would otherwise count as covering the actual value).
 */
public final class M4Metrics {
  private M4Metrics() {}

  /** The competition's interval level: 95% intervals, a = 0.05. */
  public static final double ALPHA = 0.05;

  /**
   * The season m the competition used for a frequency's MASE and MSIS scale and its seasonality
   * test: 1 yearly, 4 quarterly, 12 monthly, 24 hourly, and 1 for weekly and daily data (not 52 or
   * 7, which {@link Frequency#season()} gives); 1 for undated series.
   */
  public static int competitionSeason(Frequency frequency) {
    return switch (frequency) {
      case QUARTERLY -> 4;
      case MONTHLY -> 12;
      case HOURLY -> 24;
      case YEARLY, WEEKLY, DAILY, UNDATED -> 1;
    };
  }

  /** The point-forecast measures of one series, or their means over several. */
  public record Score(double sMape, double mase) {}

  /** The interval measures of one series, or their means over several. */
  public record IntervalScore(double msis, double coverage) {}

  /**
   * The MASE and MSIS denominator: the in-sample mean absolute error of the seasonal naive
   * forecast.
   *
   * @param insample Not modified. More than m values.
   * @param m the season (1 for none)
   * @return {@code 1/(n-m) sum_{t>m} |y_t - y_{t-m}|}
   */
  public static double scale(double[] insample, int m) {
    if (m < 1 || insample.length <= m) {
      throw new IllegalArgumentException(
          "the MASE scale needs a season m >= 1 and more than m in-sample values, got m = %d and %d values"
              .formatted(m, insample.length));
    }
    checkFinite(insample, "in-sample values");
    double sum = 0;
    for (int t = m; t < insample.length; t++) {
      sum += Math.abs(insample[t] - insample[t - m]);
    }
    return sum / (insample.length - m);
  }

  /**
   * @param actual Not modified. The hold-out values.
   * @param forecast Not modified. As many forecasts.
   * @return sMAPE in 0..200
   */
  public static double sMape(double[] actual, double[] forecast) {
    checkLengths(actual, forecast, "forecasts");
    double sum = 0;
    for (int t = 0; t < actual.length; t++) {
      double denominator = Math.abs(actual[t]) + Math.abs(forecast[t]);
      sum += denominator == 0 ? 0 : 200 * Math.abs(actual[t] - forecast[t]) / denominator;
    }
    return sum / actual.length;
  }

  /**
   * @param insample Not modified. The history the forecasts were made from, more than m values.
   * @param actual Not modified. The hold-out values.
   * @param forecast Not modified. As many forecasts.
   * @param m the season of the scale
   * @return MASE, NaN when the scale is 0
   */
  public static double mase(double[] insample, double[] actual, double[] forecast, int m) {
    checkLengths(actual, forecast, "forecasts");
    double scale = scale(insample, m);
    double sum = 0;
    for (int t = 0; t < actual.length; t++) {
      sum += Math.abs(actual[t] - forecast[t]);
    }
    return scale == 0 ? Double.NaN : sum / actual.length / scale;
  }

  /** sMAPE and MASE of one series. Arguments as {@link #mase}. */
  public static Score score(double[] insample, double[] actual, double[] forecast, int m) {
    return new Score(sMape(actual, forecast), mase(insample, actual, forecast, m));
  }

  /**
   * @param insample Not modified. The history, more than m values.
   * @param actual Not modified. The hold-out values.
   * @param lower Not modified. The interval's lower ends, as many.
   * @param upper Not modified. The interval's upper ends, as many, none below its lower end.
   * @param m the season of the scale
   * @param alpha the interval's level is 1 - alpha ({@link #ALPHA} in M4)
   * @return MSIS (NaN when the scale is 0) and coverage
   */
  public static IntervalScore intervalScore(
      double[] insample, double[] actual, double[] lower, double[] upper, int m, double alpha) {
    checkLengths(actual, lower, "lower ends");
    checkLengths(actual, upper, "upper ends");
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    double scale = scale(insample, m);
    double penalty = 0;
    int covered = 0;
    for (int t = 0; t < actual.length; t++) {
      if (upper[t] < lower[t]) {
        throw new IllegalArgumentException(
            "interval %d has its upper end %s below its lower end %s"
                .formatted(t + 1, upper[t], lower[t]));
      }
      penalty += upper[t] - lower[t];
      if (actual[t] < lower[t]) {
        penalty += 2 / alpha * (lower[t] - actual[t]);
      } else if (actual[t] > upper[t]) {
        penalty += 2 / alpha * (actual[t] - upper[t]);
      } else {
        covered++;
      }
    }
    double msis = scale == 0 ? Double.NaN : penalty / actual.length / scale;
    return new IntervalScore(msis, (double) covered / actual.length);
  }

  /**
   * The overall weighted average of a method against Naive2: {@code (sMAPE / sMAPE_Naive2 + MASE /
   * MASE_Naive2) / 2}; NaN where a Naive2 measure is 0 or NaN.
   *
   * @param method the method's score (one series, or the mean over a set)
   * @param naive2 Naive2's score on the same series
   */
  public static double owa(Score method, Score naive2) {
    if (!(naive2.sMape() > 0 && naive2.mase() > 0)) {
      return Double.NaN;
    }
    return (method.sMape() / naive2.sMape() + method.mase() / naive2.mase()) / 2;
  }

  /** The mean sMAPE and MASE over series (a NaN MASE makes the mean NaN: nothing is skipped). */
  public static Score mean(Collection<Score> scores) {
    return new Score(average(scores, Score::sMape), average(scores, Score::mase));
  }

  /** The mean MSIS and coverage over series. */
  public static IntervalScore meanIntervals(Collection<IntervalScore> scores) {
    return new IntervalScore(
        average(scores, IntervalScore::msis), average(scores, IntervalScore::coverage));
  }

  private static <T> double average(Collection<T> items, ToDoubleFunction<T> value) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no scores to average");
    }
    return items.stream().mapToDouble(value).sum() / items.size();
  }

  private static void checkLengths(double[] actual, double[] other, String what) {
    if (actual.length == 0 || other.length != actual.length) {
      throw new IllegalArgumentException(
          "need as many %s as actual values (at least 1), got %d and %d"
              .formatted(what, other.length, actual.length));
    }
    checkFinite(actual, "actual values");
    checkFinite(other, what);
  }

  private static void checkFinite(double[] values, String what) {
    for (int t = 0; t < values.length; t++) {
      if (!Double.isFinite(values[t])) {
        throw new IllegalArgumentException(
            "the M4 measures need finite values, got %s: %s at step %d (fill or drop it first)"
                .formatted(what, values[t], t + 1));
      }
    }
  }
}
