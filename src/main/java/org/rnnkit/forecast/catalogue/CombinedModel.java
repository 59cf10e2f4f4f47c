package org.rnnkit.forecast.catalogue;

import java.util.ArrayList;
import java.util.List;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.train.TrainingListener;

/**
 * A catalogue model combined with statistical methods: for every history, step by step,
 *
 * <pre>
 *   f_h = median( net_h, s1_h, s2_h, ... )     (MEDIAN)
 *   f_h = mean( net_h, s1_h, s2_h, ... )       (MEAN)
 * </pre>
 *
 * where {@code net} is the inner model's forecast and {@code s1, s2, ...} the methods' forecasts,
 * each refitted on that history (the same history the network forecasts from, so nothing beyond it
 * is used). A method that fails on a history or gives a non-finite forecast (a series too short for
 * it) is left out of that history's combination; the network's forecast is always in it. Combining
 * forecasts of different kinds is what the M4 competition found most reliably accurate (Makridakis,
 * Spiliotis and Assimakopoulos, International Journal of Forecasting 36(1), 2020).
 */
public final class CombinedModel implements CatalogueModel {

  /** How the forecasts of one step are combined. */
  public enum Rule {
    MEDIAN,
    MEAN
  }

  private final CatalogueModel inner;
  private final List<Forecaster> methods;
  private final Rule rule;

  /**
   * @param inner the network (its name is the combination's name)
   * @param methods the statistical methods combined with it; may be empty (then the inner model)
   */
  public CombinedModel(CatalogueModel inner, List<Forecaster> methods, Rule rule) {
    this.inner = inner;
    this.methods = List.copyOf(methods);
    this.rule = rule;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Fitted fit(List<double[]> training, int season, int horizon, TrainingListener progress) {
    Fitted net = inner.fit(training, season, horizon, progress);
    return new Fitted() {
      @Override
      public double[][] forecast(int[] series, List<double[]> histories, int steps) {
        double[][] f = net.forecast(series, histories, steps);
        for (int k = 0; k < f.length; k++) {
          if (f[k] != null) {
            f[k] = combine(f[k], histories.get(k), steps);
          }
        }
        return f;
      }

      @Override
      public String problem(int series) {
        return net.problem(series);
      }
    };
  }

  /** The combination of the network's forecast {@code net} and the methods' on {@code history}. */
  double[] combine(double[] net, double[] history, int steps) {
    List<double[]> all = new ArrayList<>();
    all.add(net);
    for (Forecaster m : methods) {
      try {
        double[] f = m.forecast(history, steps);
        if (java.util.Arrays.stream(f).allMatch(Double::isFinite)) {
          all.add(f);
        }
      } catch (RuntimeException e) {
        // too short or otherwise unfit for this method: combine the others
      }
    }
    double[] out = new double[steps];
    double[] column = new double[all.size()];
    for (int h = 0; h < steps; h++) {
      for (int i = 0; i < column.length; i++) {
        column[i] = all.get(i)[h];
      }
      out[h] =
          rule == Rule.MEDIAN
              ? GlobalModel.median(column)
              : java.util.Arrays.stream(column).average().orElseThrow();
    }
    return out;
  }
}
