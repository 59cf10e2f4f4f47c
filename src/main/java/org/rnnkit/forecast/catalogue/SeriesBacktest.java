package org.rnnkit.forecast.catalogue;

import java.io.Serializable;
import java.util.List;
import org.rnnkit.forecast.Forecaster;

/**
 * {@link Backtest}'s protocol one series at a time, for a model that fits each series on its own
 * ({@link LocalModel}), so that the series of a catalogue can be spread over threads or machines. A
 * catalogue run is three steps:
 *
 * <ol>
 *   <li>{@link #fit} each series: the network fitted on that series' fitted part alone and its
 *       forecasts from every origin (the costly step, independent per series);
 *   <li>{@link Backtest#calibrate} the intervals from every series' {@link #errors} (the one step
 *       that sees the whole catalogue: split conformal pools the scaled errors of all series);
 *   <li>{@link #score} each series: baselines refitted per origin, intervals, metrics.
 * </ol>
 *
 * With a {@link LocalModel} this gives exactly what {@link Backtest#run} gives for the catalogue
 * (the same calls on the same numbers; the calibration sorts the errors, so their order does not
 * matter).
 */
public final class SeriesBacktest {
  private SeriesBacktest() {}

  /**
   * One series after step 1.
   *
   * @param id the series' identifier
   * @param problem why the series is not forecast at all (unreadable, too short, constant), or null
   * @param networkProblem why the network could not be fitted to it, or null
   * @param network the network's forecasts from origins 0..K, {@code [k][h-1]}; null when {@code
   *     problem} or {@code networkProblem} is set
   */
  public record Fit(String id, String problem, String networkProblem, double[][] network)
      implements Serializable {

    /** Whether the series goes on to be scored. */
    public boolean ok() {
      return problem == null;
    }
  }

  /**
   * Step 1: checks the series against the protocol, fits the model on its fitted part alone and
   * forecasts from every origin; when the setup {@link Backtest.Setup#refits()}, fits it again on
   * the whole training part for the final forecast, as {@link Backtest#run} does.
   *
   * @param model fitted on this one series (a {@link LocalModel}; a global model fitted on one
   *     series would not be the catalogue's)
   */
  public static Fit fit(SeriesInput input, Backtest.Setup setup, CatalogueModel model) {
    String problem =
        input.problem() != null ? input.problem() : Backtest.problem(input.series(), setup);
    if (problem != null) {
      return new Fit(input.id(), problem, null, null);
    }
    double[] y = input.series().values();
    int h = setup.horizon();
    CatalogueModel.Fitted net =
        model.fit(List.of(Backtest.history(y, setup, setup.origins())), setup.season(), h, null);
    if (net.problem(0) != null) {
      return new Fit(input.id(), null, net.problem(0), null);
    }
    double[][] network = new double[setup.origins() + 1][];
    for (int k = 0; k <= setup.origins(); k++) {
      network[k] = net.forecast(new int[] {0}, List.of(Backtest.history(y, setup, k)), h)[0];
    }
    if (setup.refits()) {
      // as Backtest.run: the final forecast from a fit on the whole training part
      List<double[]> whole = List.of(Backtest.history(y, setup, 0));
      CatalogueModel.Fitted refitted = model.fit(whole, setup.season(), h, null);
      if (refitted.problem(0) != null) {
        return new Fit(input.id(), null, refitted.problem(0), null);
      }
      network[0] = refitted.forecast(new int[] {0}, whole, h)[0];
    }
    return new Fit(input.id(), null, null, network);
  }

  /**
   * Step 2's input from one series: its scaled errors at the backtest origins ({@link
   * Backtest#scaledErrors}), none when it was not forecast.
   */
  public static double[][] errors(SeriesInput input, Fit fit, Backtest.Setup setup) {
    if (!fit.ok() || fit.network() == null) {
      return new double[setup.horizon()][0];
    }
    return Backtest.scaledErrors(input.series().values(), fit.network(), setup);
  }

  /**
   * Step 3: the series' result, as {@link Backtest#run} gives it.
   *
   * @param networkName the network's method name ({@code local})
   * @param intervals the calibration of step 2, or null without backtest origins
   */
  public static SeriesResult score(
      SeriesInput input,
      Fit fit,
      Backtest.Setup setup,
      String networkName,
      ConformalIntervals intervals,
      List<Forecaster> baselines) {
    if (!fit.ok()) {
      return SeriesResult.failed(input.id(), input.series(), fit.problem());
    }
    double[][] network = fit.network() != null ? fit.network() : new double[setup.origins() + 1][];
    return Backtest.score(
        input, setup, networkName, network, fit.networkProblem(), intervals, baselines);
  }
}
