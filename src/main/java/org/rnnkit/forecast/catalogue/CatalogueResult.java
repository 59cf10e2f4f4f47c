package org.rnnkit.forecast.catalogue;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link Backtest} over a catalogue.
 *
 * @param setup the protocol
 * @param network the network's method name ({@code global} or {@code local})
 * @param methods every method, the network first, then the baselines
 * @param reference the baseline OWA is relative to (Naive2 in M4)
 * @param series one result per catalogue entry, in catalogue order
 * @param intervals the calibration of the network's intervals, or null without backtest origins
 * @param combination the choice between the network alone and its combination with statistical
 *     methods made on the backtest ({@link CombinedModel#chosenByBacktest}); null when not chosen
 *     there
 * @param test the averages over the test parts (null without a hold-out)
 * @param backtest the averages over the backtest origins (null without any)
 * @param fitSeconds wall time of the network's part: its fit, the refit, and their forecasts from
 *     every origin; not the statistical methods a combination adds, the baselines or the scoring
 *     (the Spark job's {@code fit_seconds} is the same part)
 * @param seconds the whole run
 */
public record CatalogueResult(
    Backtest.Setup setup,
    String network,
    List<String> methods,
    String reference,
    List<SeriesResult> series,
    ConformalIntervals intervals,
    CombinationChoice combination,
    Summary test,
    Summary backtest,
    double fitSeconds,
    double seconds) {

  /**
   * Averages of every method's metrics over the series (and origins) where every method was scored,
   * and OWA relative to the reference: {@code OWA = (sMAPE / sMAPE_ref + MASE / MASE_ref) / 2} of
   * the averages, as M4 computed it.
   *
   * @param scored how many forecasts (series times origins) the means are over
   * @param means each method's mean of each metric
   * @param owa each method's OWA (NaN when the reference was not run)
   */
  public record Summary(
      int scored, Map<String, Map<String, Double>> means, Map<String, Double> owa) {}

  /**
   * The series with the model's final forecast: not those that could not be read or were too short,
   * nor those the model itself could not fit (their benchmarks may still have been scored; the
   * model's error row says why).
   */
  public long forecastCount() {
    return series.stream().filter(s -> s.ok() && s.forecasts().containsKey(network)).count();
  }
}
