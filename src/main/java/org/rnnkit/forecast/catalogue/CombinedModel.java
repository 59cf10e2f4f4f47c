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
 *
 * <p>{@link #chosenByBacktest} makes a combination that {@link Backtest} may drop: it forecasts the
 * backtest origins both ways and keeps whichever of the network alone and the combination has the
 * lower OWA there ({@link CombinationChoice}). A network trained on hundreds of series can beat the
 * statistical methods it would be averaged with; one trained on a handful usually cannot.
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
  private final boolean chosenByBacktest;

  /**
   * A combination that is always made.
   *
   * @param inner the network (its name is the combination's name)
   * @param methods the statistical methods combined with it; may be empty (then the inner model)
   */
  public CombinedModel(CatalogueModel inner, List<Forecaster> methods, Rule rule) {
    this(inner, methods, rule, false);
  }

  private CombinedModel(
      CatalogueModel inner, List<Forecaster> methods, Rule rule, boolean chosenByBacktest) {
    this.inner = inner;
    this.methods = List.copyOf(methods);
    this.rule = rule;
    this.chosenByBacktest = chosenByBacktest;
  }

  /**
   * The median of the network and {@code methods}, or the network alone, whichever {@link Backtest}
   * finds more accurate (lower OWA) at the backtest origins; the median when there are none.
   */
  public static CombinedModel chosenByBacktest(CatalogueModel inner, List<Forecaster> methods) {
    return new CombinedModel(inner, methods, Rule.MEDIAN, true);
  }

  /** Whether {@link Backtest} chooses between this combination and the network alone. */
  public boolean isChosenByBacktest() {
    return chosenByBacktest;
  }

  /** The network. */
  public CatalogueModel inner() {
    return inner;
  }

  /** What is combined, e.g. {@code median of global, damped, theta}. */
  public String description() {
    List<String> names = new ArrayList<>();
    names.add(inner.name());
    methods.forEach(m -> names.add(m.name()));
    return rule.name().toLowerCase(java.util.Locale.ROOT) + " of " + String.join(", ", names);
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

  /**
   * The combination of the network's forecast {@code net} and the methods' on {@code history}.
   *
   * @param net Not modified. The network's forecast of {@code steps} values.
   * @param history Not modified. What the network forecast from.
   */
  public double[] combine(double[] net, double[] history, int steps) {
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
