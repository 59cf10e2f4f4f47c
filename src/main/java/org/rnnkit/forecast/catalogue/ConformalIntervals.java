package org.rnnkit.forecast.catalogue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnnkit.forecast.m4.M4Metrics;

/**
 * Prediction intervals calibrated by split conformal prediction over backtest errors (Vovk,
 * Gammerman and Shafer, Algorithmic Learning in a Random World, 2005; per horizon step as
 * Stankeviciute, Alaa and van der Schaar, NeurIPS 2021), with a normalised conformity score (Lei,
 * G'Sell, Rinaldo, Tibshirani and Wasserman, JASA 113(523), 2018; Papadopoulos, Haralambous and
 * Gammerman, 2011): each error is divided by a scale that says how hard its series is just then, so
 * calm series get narrow intervals and volatile ones wide, at the same coverage over the catalogue.
 *
 * <p>A backtest forecast of series i made after {@code y[o-1]} has the errors {@code e_h = y[o+h-1]
 * - yhat_h} and the score
 *
 * <pre>
 *   r_i(o)  = mean |y[t] - y[t-m]| over the last L = 4H values before o   (recent volatility)
 *   a_i     = mean |e| over series i's other backtest forecasts           (its own difficulty)
 *   s_i(o)  = sqrt( r_i(o) a_i )      (just r_i(o) when i has fewer than two backtest forecasts)
 *   score_h = e_h / s_i(o)
 * </pre>
 *
 * The own difficulty leaves out the forecast being scored (so a score never divides by its own
 * error); an interval after the training part uses all of the series' backtest forecasts. For step
 * h with the n scores {@code c_(1) <= .. <= c_(n)} of that step over every origin and series, the
 * interval at level {@code 1 - alpha} is
 *
 * <pre>
 *   [ yhat + s c_(lo),  yhat + s c_(hi) ],   lo = floor((n + 1) alpha/2),  hi = ceil((n + 1)(1 - alpha/2))
 * </pre>
 *
 * which covers a new exchangeable score with probability at least {@code 1 - alpha}. When a step
 * has too few scores for that ({@code lo < 1} or {@code hi > n}), the scores of all steps are
 * pooled, each divided by {@code sqrt(h)} and the interval multiplied back by it; with still too
 * few, the extreme scores are used and {@link #calibrated()} is false. The lower end is at least 0
 * for a series whose history never went below 0.
 *
 * <p>Chosen on backtest origins inside the training parts (calibrated on two origins, scored on the
 * third, each way round) of M4's weekly series and of synthetic hourly, monthly, quarterly and
 * yearly catalogues ({@code bench/IntervalStudy.java}): against the in-sample MASE scale of the
 * whole history, the recent window cut M4 weekly's MSIS by a quarter and the own difficulty by a
 * further few percent; intervals in logs scored about the same and need positive series.
 *
 * <p>{@link #calibrate(List, double...)} and {@link #interval(int, double[], double, boolean)} are
 * the plain form, for errors the caller has already divided by a scale of its choosing.
 */
public final class ConformalIntervals implements Serializable {
  private static final long serialVersionUID = 1L;

  /** L, the recent window of the volatility scale, in horizons. */
  static final int RECENT_HORIZONS = 4;

  private final double[] levels;

  /** [level][h-1]: the lower and upper score quantiles. */
  private final double[][] lower;

  private final double[][] upper;
  private final boolean calibrated;
  private final int errorsPerStep;

  /** m, or 0 for the plain form. */
  private final int season;

  /** a_i by series index, NaN where a series has fewer than two backtest forecasts; plain: null. */
  private final double[] ownError;

  private ConformalIntervals(
      double[] levels, Quantiles q, int perStep, int season, double[] ownError) {
    this.levels = levels;
    this.lower = q.lower;
    this.upper = q.upper;
    this.calibrated = q.calibrated;
    this.errorsPerStep = perStep;
    this.season = season;
    this.ownError = ownError;
  }

  /**
   * One backtest forecast.
   *
   * @param series the series' index in the catalogue (its backtest forecasts share it)
   * @param values Not modified. The series from its first observation; only {@code values[0 ..
   *     origin + H)} are read.
   * @param origin o: the forecast follows {@code values[o - 1]}
   * @param forecast Not modified. The H forecasts of {@code values[o .. o + H)}.
   */
  public record Backcast(int series, double[] values, int origin, double[] forecast) {
    public Backcast {
      if (series < 0 || origin < 1 || origin + forecast.length > values.length) {
        throw new IllegalArgumentException(
            ("a backtest forecast needs a series index >= 0, an origin >= 1 and its %d actual"
                    + " values after the origin, got series %d, origin %d of %d values")
                .formatted(forecast.length, series, origin, values.length));
      }
    }

    /** {@code e_h = y[o+h-1] - yhat_h}. */
    double error(int h) {
      return values[origin + h - 1] - forecast[h - 1];
    }
  }

  /**
   * Calibrates from backtest forecasts with the normalised score (see the class comment).
   *
   * @param backcasts Not modified. Every series' backtest forecasts, all of the same length H.
   * @param season m, for the recent volatility
   * @param levels Not modified. Nominal coverages in (0, 1), e.g. 0.8 and 0.95.
   * @throws IllegalArgumentException when there is no backcast, their lengths differ, or a history
   *     is too short or constant for a scale
   */
  public static ConformalIntervals calibrateNormalised(
      List<Backcast> backcasts, int season, double... levels) {
    if (backcasts.isEmpty()) {
      throw new IllegalArgumentException("calibration needs at least one backtest forecast");
    }
    int steps = backcasts.get(0).forecast().length;
    int seriesCount = 0;
    for (Backcast b : backcasts) {
      if (b.forecast().length != steps || steps == 0) {
        throw new IllegalArgumentException(
            "backtest forecasts must all have the same number of steps (at least 1), got %d and %d"
                .formatted(steps, b.forecast().length));
      }
      seriesCount = Math.max(seriesCount, b.series() + 1);
    }
    // per series: the sum of |e| and the number of backcasts
    double[] absSum = new double[seriesCount];
    int[] count = new int[seriesCount];
    double[] ownAbs = new double[backcasts.size()];
    for (int j = 0; j < backcasts.size(); j++) {
      Backcast b = backcasts.get(j);
      for (int h = 1; h <= steps; h++) {
        ownAbs[j] += Math.abs(b.error(h));
      }
      absSum[b.series()] += ownAbs[j];
      count[b.series()]++;
    }
    List<double[]> scores = new ArrayList<>();
    for (int h = 0; h < steps; h++) {
      scores.add(new double[backcasts.size()]);
    }
    for (int j = 0; j < backcasts.size(); j++) {
      Backcast b = backcasts.get(j);
      int i = b.series();
      // a_i without this backcast
      double own =
          count[i] >= 2 ? (absSum[i] - ownAbs[j]) / ((count[i] - 1) * (double) steps) : Double.NaN;
      double s = scale(b.values(), b.origin(), steps, season, own);
      for (int h = 1; h <= steps; h++) {
        scores.get(h - 1)[j] = b.error(h) / s;
      }
    }
    double[] ownError = new double[seriesCount];
    for (int i = 0; i < seriesCount; i++) {
      ownError[i] = count[i] >= 2 ? absSum[i] / (count[i] * (double) steps) : Double.NaN;
    }
    double[] checked = checkLevels(levels);
    return new ConformalIntervals(
        checked, Quantiles.of(scores, checked), backcasts.size(), season, ownError);
  }

  /**
   * Calibrates from errors already divided by a scale (the plain form).
   *
   * @param errors Not modified. {@code errors.get(h-1)} holds the scaled errors {@code (y - yhat) /
   *     s} of step h over every origin and series.
   * @param levels Not modified. Nominal coverages in (0, 1), e.g. 0.8 and 0.95.
   */
  public static ConformalIntervals calibrate(List<double[]> errors, double... levels) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("calibration needs the errors of at least one step");
    }
    int fewest = errors.stream().mapToInt(e -> e.length).min().orElseThrow();
    if (errors.stream().mapToInt(e -> e.length).sum() == 0) {
      throw new IllegalArgumentException("calibration needs at least one backtest error");
    }
    double[] checked = checkLevels(levels);
    return new ConformalIntervals(checked, Quantiles.of(errors, checked), fewest, 0, null);
  }

  private static double[] checkLevels(double[] levels) {
    for (double level : levels) {
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("levels must be in (0, 1), got " + level);
      }
    }
    return levels.clone();
  }

  /**
   * {@code s_i(o) = sqrt(r_i(o) a_i)}, or {@code r_i(o)} when {@code own} is NaN or 0.
   *
   * @param values Not modified; only {@code values[0 .. origin)} are read
   */
  static double scale(double[] values, int origin, int steps, int m, double own) {
    double r = recentScale(values, origin, steps, m);
    return own > 0 ? Math.sqrt(r * own) : r;
  }

  /**
   * {@code r(o)}: the mean of {@code |y[t] - y[t-m]|} over {@code t = max(m, o - L) .. o - 1}, L =
   * 4H; the in-sample MASE scale of the whole history when that window does not change.
   *
   * @param values Not modified; only {@code values[0 .. origin)} are read
   * @throws IllegalArgumentException when the history has no more than m values or never changes
   */
  static double recentScale(double[] values, int origin, int steps, int m) {
    double[] history = Arrays.copyOf(values, origin);
    double whole = M4Metrics.scale(history, m);
    int from = Math.max(m, origin - RECENT_HORIZONS * steps);
    double sum = 0;
    for (int t = from; t < origin; t++) {
      sum += Math.abs(history[t] - history[t - m]);
    }
    double recent = sum / (origin - from);
    if (recent > 0) {
      return recent;
    }
    if (!(whole > 0)) {
      throw new IllegalArgumentException(
          "the %d values before the origin never change over %d steps, so no error can be scaled"
              .formatted(origin, m));
    }
    return whole;
  }

  /** The nominal coverages, in the order given. */
  public double[] levels() {
    return levels.clone();
  }

  /** Whether every interval had enough errors for its level (see the class comment). */
  public boolean calibrated() {
    return calibrated;
  }

  /** The fewest errors any step had. */
  public int errorsPerStep() {
    return errorsPerStep;
  }

  /** The steps calibrated. */
  public int steps() {
    return lower[0].length;
  }

  /** How the intervals were calibrated, in a phrase for the outputs. */
  public String method() {
    return ownError == null
        ? "split conformal over backtest origins and series, per horizon step"
        : "split conformal over backtest origins and series, per horizon step, each error divided"
            + " by sqrt(recent volatility x the series' own backtest error)";
  }

  /**
   * The interval around a forecast of series i made after its training part, with the normalised
   * score.
   *
   * @param level index into {@link #levels()}
   * @param series i, as in the backtest forecasts
   * @param values Not modified. The series from its first observation; only {@code values[0 ..
   *     origin)} are read.
   * @param origin where the forecast starts: it follows {@code values[origin - 1]}
   * @param forecast Not modified. The point forecasts of steps 1..H (H at most {@link #steps()}).
   * @return {lower, upper}, each of H values
   */
  public double[][] interval(
      int level, int series, double[] values, int origin, double[] forecast) {
    if (ownError == null) {
      throw new IllegalStateException(
          "calibrated from scaled errors: give the scale, interval(level, forecast, scale, ..)");
    }
    double own = series < ownError.length ? ownError[series] : Double.NaN;
    double s = scale(values, origin, steps(), season, own);
    boolean nonNegative = Arrays.stream(values, 0, origin).allMatch(v -> v >= 0);
    return interval(level, forecast, s, nonNegative);
  }

  /**
   * The interval around a forecast, for a scale s of the caller's choosing (the plain form).
   *
   * @param level index into {@link #levels()}
   * @param forecast Not modified. The point forecasts of steps 1..H (H at most {@link #steps()}).
   * @param scale s, the series' scale
   * @param nonNegative whether the lower end stops at 0
   * @return {lower, upper}, each of H values
   */
  public double[][] interval(int level, double[] forecast, double scale, boolean nonNegative) {
    if (forecast.length > steps()) {
      throw new IllegalArgumentException(
          "calibrated for %d steps, asked for %d".formatted(steps(), forecast.length));
    }
    double[] lo = new double[forecast.length];
    double[] hi = new double[forecast.length];
    for (int h = 0; h < forecast.length; h++) {
      lo[h] = forecast[h] + scale * lower[level][h];
      hi[h] = forecast[h] + scale * upper[level][h];
      if (nonNegative) {
        lo[h] = Math.max(0, lo[h]);
      }
    }
    return new double[][] {lo, hi};
  }

  /** The per-step score quantiles at every level, pooled with sqrt(h) where a step has too few. */
  private record Quantiles(double[][] lower, double[][] upper, boolean calibrated) {

    static Quantiles of(List<double[]> scores, double[] levels) {
      int steps = scores.size();
      double[][] sorted = new double[steps][];
      List<Double> pooled = new ArrayList<>();
      for (int h = 1; h <= steps; h++) {
        sorted[h - 1] = scores.get(h - 1).clone();
        Arrays.sort(sorted[h - 1]);
        for (double e : sorted[h - 1]) {
          pooled.add(e / Math.sqrt(h));
        }
      }
      double[] pool = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[][] lower = new double[levels.length][steps];
      double[][] upper = new double[levels.length][steps];
      boolean calibrated = true;
      for (int j = 0; j < levels.length; j++) {
        double alpha = 1 - levels[j];
        for (int h = 1; h <= steps; h++) {
          double[] e = sorted[h - 1];
          if (enough(e.length, alpha)) {
            lower[j][h - 1] = e[low(e.length, alpha) - 1];
            upper[j][h - 1] = e[high(e.length, alpha) - 1];
          } else {
            calibrated &= enough(pool.length, alpha);
            int lo = Math.max(1, low(pool.length, alpha));
            int hi = Math.min(pool.length, high(pool.length, alpha));
            lower[j][h - 1] = pool[lo - 1] * Math.sqrt(h);
            upper[j][h - 1] = pool[hi - 1] * Math.sqrt(h);
          }
        }
      }
      return new Quantiles(lower, upper, calibrated);
    }

    // the ranks with a tolerance for levels such as 0.8, whose 1 - level is not exact in binary
    private static int low(int n, double alpha) {
      return (int) Math.floor((n + 1) * alpha / 2 + 1e-9);
    }

    private static int high(int n, double alpha) {
      return (int) Math.ceil((n + 1) * (1 - alpha / 2) - 1e-9);
    }

    private static boolean enough(int n, double alpha) {
      return low(n, alpha) >= 1 && high(n, alpha) <= n;
    }
  }
}
