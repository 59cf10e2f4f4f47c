package org.rnnkit.forecast.catalogue;

import org.rnnkit.forecast.SeriesTransform;
import org.rnnkit.forecast.SmoothedLevel;
import org.rnnkit.nn.Sequence;

/**
 * One series as the global network reads it, normalised by what was fitted on its own training part
 * only: the {@link SeriesTransform} (log for a positive series, a significant season removed,
 * divided by the scale of its first differences) gives {@code z_t}, and {@link SmoothedLevel} its
 * smoothed level {@code l_t}. A window at origin t holds, for each of its w steps {@code i = t - w
 * + 1 .. t},
 *
 * <pre>
 *   x_i = ( z_i - z_t,  l_i - z_t,  pad_i )
 * </pre>
 *
 * where a step before the first observation repeats the first one and has {@code pad_i = 1} (else
 * 0), so a history shorter than the window can still be forecast. Its target is {@code z_{t+h} -
 * z_t} for h = 1..H. Measured from the last value and in units of the series' own scale, windows of
 * series of any level and size look alike: a series multiplied by c gives the same windows, and its
 * forecasts are multiplied by c.
 *
 * @param transform fitted on the training part
 * @param level fitted on the adjusted training part
 */
record AdjustedSeries(SeriesTransform transform, SmoothedLevel level) {

  /** Features per window step. */
  static final int INPUTS = 3;

  /**
   * Fits the normalisation of one series.
   *
   * @param training Not modified. The training part, from observation 0.
   * @param season m
   */
  static AdjustedSeries fit(double[] training, int season) {
    SeriesTransform transform =
        SeriesTransform.fit(training, season, SeriesTransform.Power.AUTO, true);
    return new AdjustedSeries(transform, SmoothedLevel.fit(transform.apply(training)));
  }

  /** The adjusted values and their levels of a history that starts at observation 0. */
  Adjusted adjust(double[] history) {
    double[] z = transform.apply(history);
    return new Adjusted(z, level.levels(z, z.length));
  }

  /** A history's adjusted values {@code z} and smoothed levels {@code l}. */
  record Adjusted(double[] z, double[] levels) {

    /**
     * Writes the window at origin t into batch entry b of {@code input} ({@code w x B x 3}).
     *
     * @param input Modified.
     */
    void window(int t, Sequence input, int b) {
      int w = input.steps();
      for (int k = 0; k < w; k++) {
        int i = t - w + 1 + k;
        int at = Math.max(0, i);
        input.set(k, b, 0, z[at] - z[t]);
        input.set(k, b, 1, levels[at] - z[t]);
        input.set(k, b, 2, i < 0 ? 1 : 0);
      }
    }

    /**
     * Writes the target of the window at origin t, {@code z_{t+h} - z_t} for h = 1..H, into batch
     * entry b of {@code target} ({@code 1 x B x H}).
     *
     * @param target Modified.
     */
    void target(int t, Sequence target, int b) {
      for (int h = 1; h <= target.features(); h++) {
        target.set(0, b, h - 1, z[t + h] - z[t]);
      }
    }
  }
}
