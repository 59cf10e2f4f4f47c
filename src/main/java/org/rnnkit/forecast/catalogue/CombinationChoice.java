package org.rnnkit.forecast.catalogue;

import java.util.Arrays;
import java.util.List;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.m4.M4Metrics;

/**
 * Which of the network alone and its combination with statistical methods ({@link
 * CombinedModel#chosenByBacktest}) a catalogue's final forecasts use, chosen on the backtest
 * origins only. Over the pairs (series, origin k = 1..K) where both and the reference have a
 * forecast,
 *
 * <pre>
 *   OWA(method) = ( mean sMAPE(method) / mean sMAPE(ref) + mean MASE(method) / mean MASE(ref) ) / 2
 * </pre>
 *
 * and the combination is kept unless the network alone scores strictly lower (and on ties, or when
 * nothing could be scored). Only the backtest origins' targets are read (the latest origin's end
 * where the test part begins), so the test part cannot reach the choice. The backtest scores of the
 * method chosen are then the lower of two by construction: optimistic, not out of sample.
 *
 * @param combination what the combination is ({@link CombinedModel#description()})
 * @param combined whether the combination was kept (else the network alone)
 * @param networkOwa the network alone's backtest OWA (NaN when nothing was scored)
 * @param combinedOwa the combination's backtest OWA (NaN when nothing was scored)
 * @param scored the forecasts compared
 */
public record CombinationChoice(
    String combination, boolean combined, double networkOwa, double combinedOwa, int scored) {

  /**
   * Chooses between the network's and the combination's forecasts at the backtest origins.
   *
   * @param combination the combination's description
   * @param series Not modified. Each series' whole values, by position g.
   * @param network Not modified. {@code [k][g]}: the network alone's forecast of series g from
   *     origin k (k = 1..K; null where it has none).
   * @param combined Not modified. The combination's forecasts, arranged as {@code network}.
   * @param setup the protocol (horizon, season, hold-out)
   * @param reference the method OWA is relative to (Naive2), refitted at each origin
   */
  static CombinationChoice choose(
      String combination,
      List<double[]> series,
      double[][][] network,
      double[][][] combined,
      Backtest.Setup setup,
      Forecaster reference) {
    double[] sums = new double[6];
    int scored = 0;
    int h = setup.horizon();
    for (int g = 0; g < series.size(); g++) {
      double[] y = series.get(g);
      for (int k = 1; k <= setup.origins(); k++) {
        if (network[k][g] == null || combined[k][g] == null) {
          continue;
        }
        double[] history = Backtest.history(y, setup, k);
        double[] actual = Arrays.copyOfRange(y, history.length, history.length + h);
        double[] ref;
        try {
          ref = reference.forecast(history, h);
        } catch (RuntimeException e) {
          continue;
        }
        M4Metrics.Score a = M4Metrics.score(history, actual, network[k][g], setup.season());
        M4Metrics.Score b = M4Metrics.score(history, actual, combined[k][g], setup.season());
        M4Metrics.Score r = M4Metrics.score(history, actual, ref, setup.season());
        double[] v = {a.sMape(), a.mase(), b.sMape(), b.mase(), r.sMape(), r.mase()};
        if (Arrays.stream(v).allMatch(Double::isFinite)) {
          for (int i = 0; i < v.length; i++) {
            sums[i] += v[i];
          }
          scored++;
        }
      }
    }
    double networkOwa = (sums[0] / sums[4] + sums[1] / sums[5]) / 2;
    double combinedOwa = (sums[2] / sums[4] + sums[3] / sums[5]) / 2;
    boolean keep = scored == 0 || !(networkOwa < combinedOwa);
    return new CombinationChoice(
        combination,
        keep,
        scored == 0 ? Double.NaN : networkOwa,
        scored == 0 ? Double.NaN : combinedOwa,
        scored);
  }

  /** The combination kept without backtest origins to choose on. */
  static CombinationChoice withoutOrigins(String combination) {
    return new CombinationChoice(combination, true, Double.NaN, Double.NaN, 0);
  }

  /** One line for people: what was chosen and why. */
  public String describe() {
    if (scored == 0) {
      return "%s (no backtest forecasts to choose on)".formatted(combination);
    }
    return String.format(
        java.util.Locale.ROOT,
        "%s: backtest OWA %.3f; %s %.3f (over %d forecasts)",
        combined ? combination : "the network alone",
        combined ? combinedOwa : networkOwa,
        combined ? "the network alone" : combination,
        combined ? networkOwa : combinedOwa,
        scored);
  }
}
