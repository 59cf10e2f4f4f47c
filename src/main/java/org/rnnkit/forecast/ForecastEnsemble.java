package org.rnnkit.forecast;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;

/**
 * Trained networks and the transform they were trained under: everything needed to forecast a
 * series. Each network maps a window of w steps, each the adjusted value {@code z_i} and its
 * smoothed level {@code l_i} ({@link SmoothedLevel}) minus the window's last value {@code z_t}, to
 * the next K adjusted values minus {@code z_t} (K outputs: all horizons for the direct strategy, 1
 * for the recursive one, whose forecasts are fed back); the ensemble forecast is the median over
 * networks. Seasonal indices are counted from the first observation of the training history, so a
 * caller says where a new history ends in that count ({@link #forecast(double[], int, int)}).
 *
 * @param members the trained networks, each {@code w x 1 x 1 -> 1 x 1 x K}
 * @param transform the series transform fitted on the training history
 * @param level the smoothing of the level feature, fitted on the training history
 * @param window w
 */
public record ForecastEnsemble(
    List<SequenceModel> members, SeriesTransform transform, SmoothedLevel level, int window) {

  /**
   * Features per input step: the adjusted value and its smoothed level, both minus the last value
   * of the window.
   */
  static final int INPUTS = 2;

  public ForecastEnsemble {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one network");
    }
    members = List.copyOf(members);
  }

  /**
   * The median forecast of {@code steps} adjusted values after position {@code origin} of {@code
   * z}, using {@code z[0..origin]} only.
   */
  public double[] adjustedForecast(double[] z, int origin, int steps) {
    double[][] forecasts = new double[members.size()][];
    for (int i = 0; i < members.size(); i++) {
      forecasts[i] = rollOut(members.get(i), z, origin, steps);
    }
    return median(forecasts);
  }

  /**
   * The median forecast of {@code steps} values after the end of {@code history}, whose last value
   * is observation {@code end} counted from the first value of the training history (the seasonal
   * indices are applied from there; {@link TrainedForecaster} finds {@code end} from dates).
   *
   * @param history Not modified. At least {@link #window()} values.
   */
  public double[] forecast(double[] history, int end, int steps) {
    if (history.length < window) {
      throw new IllegalArgumentException(
          "forecasting needs at least the window of %d values, got %d"
              .formatted(window, history.length));
    }
    int first = end - history.length + 1;
    double[] z = transform.apply(history, first);
    double[] adjusted = adjustedForecast(z, z.length - 1, steps);
    double[] out = new double[steps];
    for (int h = 1; h <= steps; h++) {
      out[h - 1] = transform.invert(adjusted[h - 1], end + h);
    }
    return out;
  }

  private double[] rollOut(SequenceModel model, double[] z, int origin, int steps) {
    double[] path = Arrays.copyOf(z, origin + 1 + steps);
    double[] levels = Arrays.copyOf(level.levels(z, origin + 1), origin + 1 + steps);
    int t = origin;
    int done = 0;
    Sequence input = new Sequence(window, 1, INPUTS);
    while (done < steps) {
      double reference = path[t];
      for (int k = 0; k < window; k++) {
        int i = t - window + 1 + k;
        input.set(k, 0, 0, path[i] - reference);
        input.set(k, 0, 1, levels[i] - reference);
      }
      model.resetState();
      Sequence out = model.forward(input, false);
      int n = Math.min(out.features(), steps - done);
      for (int h = 1; h <= n; h++) {
        path[t + h] = reference + out.get(0, 0, h - 1);
        levels[t + h] = level.next(levels[t + h - 1], path[t + h]);
      }
      done += n;
      t += n;
    }
    return Arrays.copyOfRange(path, origin + 1, origin + 1 + steps);
  }

  /** The median of each column. */
  static double[] median(double[][] rows) {
    int n = rows[0].length;
    double[] out = new double[n];
    double[] column = new double[rows.length];
    Median median = new Median();
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < rows.length; i++) {
        column[i] = rows[i][j];
      }
      out[j] = median.evaluate(column);
    }
    return out;
  }
}
