package org.rnnkit.forecast.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnkit.forecast.Metrics;

/**
 * The accuracy of one forecast of one series as the M4 competition scored it: sMAPE (0-200) and
 * MASE (in-sample seasonal naive scale) from {@link Metrics}, and for a forecast with intervals,
 * for each level {@code 1 - alpha}, the coverage and the mean scaled interval score
 *
 * <pre>
 *   MSIS = (1/H) sum_h [ (U_h - L_h) + (2/alpha)(L_h - y_h) 1{y_h &lt; L_h} + (2/alpha)(y_h - U_h) 1{y_h &gt; U_h} ] / s
 * </pre>
 *
 * with s the MASE scale. Only the 95% level's MSIS is reported ({@code MSIS}), as in M4.
 */
final class Scores {
  private Scores() {}

  /** The level whose MSIS is reported. */
  static final double MSIS_LEVEL = 0.95;

  /**
   * @param train Not modified. The in-sample history, for the scale.
   * @param actual Not modified.
   * @param forecast Not modified.
   * @param season m
   * @return sMAPE and MASE by name
   */
  static Map<String, Double> point(double[] train, double[] actual, double[] forecast, int season) {
    Map<String, Double> all = Metrics.compute(train, actual, forecast, season);
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("sMAPE", all.get("sMAPE"));
    out.put("MASE", all.get("MASE"));
    return out;
  }

  /** The share of {@code actual} inside {@code [lower, upper]}. */
  static double coverage(double[] actual, double[] lower, double[] upper) {
    int inside = 0;
    for (int h = 0; h < actual.length; h++) {
      inside += actual[h] >= lower[h] && actual[h] <= upper[h] ? 1 : 0;
    }
    return (double) inside / actual.length;
  }

  /** MSIS for level {@code 1 - alpha} with scale s (see the class comment). */
  static double msis(double[] actual, double[] lower, double[] upper, double alpha, double scale) {
    double sum = 0;
    for (int h = 0; h < actual.length; h++) {
      sum += upper[h] - lower[h];
      if (actual[h] < lower[h]) {
        sum += 2 / alpha * (lower[h] - actual[h]);
      } else if (actual[h] > upper[h]) {
        sum += 2 / alpha * (actual[h] - upper[h]);
      }
    }
    return sum / actual.length / scale;
  }

  /** The in-sample seasonal naive MAE of {@code y} (0 for a history no longer than m). */
  static double scale(double[] y, int season) {
    int m = Math.max(1, season);
    double sum = 0;
    for (int t = m; t < y.length; t++) {
      sum += Math.abs(y[t] - y[t - m]);
    }
    return y.length > m ? sum / (y.length - m) : 0;
  }
}
