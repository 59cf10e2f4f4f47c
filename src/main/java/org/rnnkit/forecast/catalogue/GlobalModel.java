package org.rnnkit.forecast.catalogue;

import java.util.List;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;

/**
 * The trained global networks and every series' normalisation: forecasts any series of the
 * catalogue from a history that starts at its first observation. The forecast is the median over
 * the networks of {@code z_t + net(window)_h}, inverted by the series' transform at observation t +
 * h.
 *
 * <p>Safe to call from several threads: each network runs one forward pass at a time.
 */
public final class GlobalModel implements CatalogueModel.Fitted {
  private final List<SequenceModel> members;
  private final List<AdjustedSeries> series;
  private final int window;
  private final int horizon;

  /**
   * @param members the networks, each {@code w x B x 3 -> 1 x B x H}
   * @param series each series' normalisation, in catalogue order
   * @param window w
   * @param horizon H, the networks' outputs
   */
  GlobalModel(List<SequenceModel> members, List<AdjustedSeries> series, int window, int horizon) {
    this.members = List.copyOf(members);
    this.series = List.copyOf(series);
    this.window = window;
    this.horizon = horizon;
  }

  /** w, the steps of history each network reads. */
  public int window() {
    return window;
  }

  /** The networks of the ensemble. */
  public List<SequenceModel> members() {
    return members;
  }

  @Override
  public double[][] forecast(int[] which, List<double[]> histories, int steps) {
    if (steps < 1 || steps > horizon) {
      throw new IllegalArgumentException(
          "the global model forecasts 1 to %d steps, asked for %d".formatted(horizon, steps));
    }
    int b = histories.size();
    if (b == 0) {
      return new double[0][];
    }
    Sequence input = new Sequence(window, b, AdjustedSeries.INPUTS);
    AdjustedSeries.Adjusted[] adjusted = new AdjustedSeries.Adjusted[b];
    for (int k = 0; k < b; k++) {
      double[] history = histories.get(k);
      if (history.length == 0) {
        throw new IllegalArgumentException("history " + k + " is empty");
      }
      adjusted[k] = series.get(which[k]).adjust(history);
      adjusted[k].window(history.length - 1, input, k);
    }
    double[][][] outputs = new double[members.size()][][];
    for (int i = 0; i < members.size(); i++) {
      SequenceModel model = members.get(i);
      Sequence out;
      synchronized (model) {
        model.resetState();
        out = model.forward(input, false);
      }
      outputs[i] = new double[b][steps];
      for (int k = 0; k < b; k++) {
        for (int h = 0; h < steps; h++) {
          outputs[i][k][h] = out.get(0, k, h);
        }
      }
    }
    double[][] forecasts = new double[b][steps];
    double[] column = new double[members.size()];
    for (int k = 0; k < b; k++) {
      int t = histories.get(k).length - 1;
      double last = adjusted[k].z()[t];
      var transform = series.get(which[k]).transform();
      for (int h = 0; h < steps; h++) {
        for (int i = 0; i < column.length; i++) {
          column[i] = outputs[i][k][h];
        }
        forecasts[k][h] = transform.invert(last + median(column), t + h + 1);
      }
    }
    return forecasts;
  }

  @Override
  public String problem(int series) {
    return null;
  }

  /** The median of {@code v}; Modified (sorted). */
  static double median(double[] v) {
    java.util.Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
