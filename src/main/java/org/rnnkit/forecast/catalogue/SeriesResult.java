package org.rnnkit.forecast.catalogue;

import java.util.List;
import java.util.Map;
import org.rnnkit.data.TimeSeries;

/**
 * What a {@link Backtest} found for one series.
 *
 * @param id the series' identifier
 * @param problem why the series was not forecast at all (too short, constant, unreadable), or null
 * @param series the whole series as given (null when it could not be read)
 * @param trainEnd the values before the test part (all of them without a hold-out): the final
 *     forecast follows observation {@code trainEnd - 1}
 * @param forecasts each method's final forecast by name, the network first; a method that failed on
 *     this series is left out
 * @param failures each method that failed on this series, with the reason
 * @param lower the network's lower interval ends, {@code [level][h-1]}, or null without intervals
 * @param upper the upper ends, as {@code lower}
 * @param scores per origin (0 the final forecast, scored only with a hold-out; k = 1..K the
 *     backtest origin k horizons before it), each method's metrics by name
 */
public record SeriesResult(
    String id,
    String problem,
    TimeSeries series,
    int trainEnd,
    Map<String, double[]> forecasts,
    Map<String, String> failures,
    double[][] lower,
    double[][] upper,
    List<Map<String, Map<String, Double>>> scores) {

  /** A series that was not forecast, for the reason given. */
  static SeriesResult failed(String id, TimeSeries series, String problem) {
    return new SeriesResult(id, problem, series, 0, Map.of(), Map.of(), null, null, List.of());
  }

  /** Whether the series was forecast. */
  public boolean ok() {
    return problem == null;
  }

  /** {@code method}'s metric {@code name} at origin j, or NaN when it was not scored. */
  public double score(int origin, String method, String name) {
    if (origin >= scores.size()) {
      return Double.NaN;
    }
    Map<String, Double> m = scores.get(origin).get(method);
    Double v = m == null ? null : m.get(name);
    return v == null ? Double.NaN : v;
  }
}
