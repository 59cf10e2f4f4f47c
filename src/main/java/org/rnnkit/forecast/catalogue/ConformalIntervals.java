package org.rnnkit.forecast.catalogue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prediction intervals calibrated by split conformal prediction over backtest errors (Vovk,
 * Gammerman and Shafer, Algorithmic Learning in a Random World, 2005; per horizon step as
 * Stankeviciute, Alaa and van der Schaar, NeurIPS 2021). The errors are scaled per series so that
 * series of any size pool: {@code e = (y - yhat) / s}, with s the series' {@link NormalisedScore}
 * ({@link #calibrateSeries}) or any scale of the caller's (the in-sample MASE scale of its training
 * part, say). For step h with the n errors {@code e_(1) <= .. <= e_(n)} of that step over every
 * origin and series, the interval at level {@code 1 - alpha} is
 *
 * <pre>
 *   [ yhat + s e_(lo),  yhat + s e_(hi) ],   lo = floor((n + 1) alpha/2),  hi = ceil((n + 1)(1 - alpha/2))
 * </pre>
 *
 * which covers a new exchangeable error with probability at least {@code 1 - alpha}. When a step
 * has too few errors for that ({@code lo < 1} or {@code hi > n}), the errors of all steps are
 * pooled, each divided by {@code sqrt(h)} and the interval multiplied back by it; with still too
 * few, the extreme errors are used and {@link #calibrated()} is false. The lower end is at least 0
 * for a series that never went below 0.
 *
 * <p>The intervals of the levels are nested: where a lower level's interval of a step came out
 * wider than a higher level's (a step with enough errors for 80% but not for 95% takes its 80%
 * interval from its own extremes and its 95% from the pool, which at step 1 can be narrower), the
 * higher level's interval is widened to contain it.
 */
public final class ConformalIntervals implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] levels;

  /** [level][h-1]: the scaled lower and upper error quantiles. */
  private final double[][] lower;

  private final double[][] upper;
  private final boolean calibrated;
  private final int errorsPerStep;

  private ConformalIntervals(
      double[] levels, double[][] lower, double[][] upper, boolean calibrated, int perStep) {
    this.levels = levels;
    this.lower = lower;
    this.upper = upper;
    this.calibrated = calibrated;
    this.errorsPerStep = perStep;
  }

  /**
   * Calibrates from scaled backtest errors.
   *
   * @param errors Not modified. {@code errors.get(h-1)} holds the scaled errors {@code (y - yhat) /
   *     s} of step h over every origin and series.
   * @param levels Not modified. Nominal coverages in (0, 1), e.g. 0.8 and 0.95.
   */
  public static ConformalIntervals calibrate(List<double[]> errors, double... levels) {
    int steps = errors.size();
    if (steps == 0) {
      throw new IllegalArgumentException("calibration needs the errors of at least one step");
    }
    double[][] sorted = new double[steps][];
    List<Double> pooled = new ArrayList<>();
    int fewest = Integer.MAX_VALUE;
    for (int h = 1; h <= steps; h++) {
      sorted[h - 1] = errors.get(h - 1).clone();
      Arrays.sort(sorted[h - 1]);
      fewest = Math.min(fewest, sorted[h - 1].length);
      for (double e : sorted[h - 1]) {
        pooled.add(e / Math.sqrt(h));
      }
    }
    if (pooled.isEmpty()) {
      throw new IllegalArgumentException("calibration needs at least one backtest error");
    }
    double[] pool = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[][] lower = new double[levels.length][steps];
    double[][] upper = new double[levels.length][steps];
    boolean calibrated = true;
    for (int j = 0; j < levels.length; j++) {
      double alpha = 1 - levels[j];
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("levels must be in (0, 1), got " + levels[j]);
      }
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
    nest(levels, lower, upper);
    return new ConformalIntervals(levels.clone(), lower, upper, calibrated, fewest);
  }

  /**
   * Widens each level's interval to contain every lower level's, step by step.
   *
   * @param lower Modified. [level][h-1]
   * @param upper Modified. [level][h-1]
   */
  private static void nest(double[] levels, double[][] lower, double[][] upper) {
    Integer[] order = new Integer[levels.length];
    Arrays.setAll(order, j -> j);
    Arrays.sort(order, (a, b) -> Double.compare(levels[a], levels[b]));
    for (int i = 1; i < order.length; i++) {
      int inner = order[i - 1];
      int outer = order[i];
      for (int h = 0; h < lower[outer].length; h++) {
        lower[outer][h] = Math.min(lower[outer][h], lower[inner][h]);
        upper[outer][h] = Math.max(upper[outer][h], upper[inner][h]);
      }
    }
  }

  /**
   * Calibrates from every series' scores, pooled per step.
   *
   * @param scores Not modified. One {@code [h-1][]} array per series, as {@link
   *     NormalisedScore#scores} gives; every series with the same number of steps.
   * @param levels Not modified. Nominal coverages in (0, 1), e.g. 0.8 and 0.95.
   */
  public static ConformalIntervals calibrateSeries(List<double[][]> scores, double... levels) {
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("calibration needs the scores of at least one series");
    }
    int steps = scores.get(0).length;
    for (double[][] s : scores) {
      if (s.length != steps) {
        throw new IllegalArgumentException(
            "every series needs scores of %d steps, got %d".formatted(steps, s.length));
      }
    }
    List<double[]> perStep = new ArrayList<>();
    for (int h = 0; h < steps; h++) {
      int step = h;
      perStep.add(scores.stream().flatMapToDouble(s -> Arrays.stream(s[step])).toArray());
    }
    return calibrate(perStep, levels);
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

  /**
   * The interval around a forecast.
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
}
