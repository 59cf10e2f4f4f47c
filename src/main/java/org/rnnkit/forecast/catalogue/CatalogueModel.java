package org.rnnkit.forecast.catalogue;

import java.util.List;
import org.rnnkit.train.TrainingListener;

/**
 * A forecaster of a whole catalogue: fitted once on the training parts of all series, then asked
 * for forecasts of each series from any later history. The global network ({@link
 * GlobalForecaster}) and one forecaster per series ({@link LocalModel}) are the two kinds.
 */
public interface CatalogueModel {

  /** {@code global} or {@code local}: the method's name in tables and files. */
  String name();

  /**
   * Fits the model.
   *
   * @param training Not modified. Each series' training part, from its first observation.
   * @param season m, the same for every series
   * @param horizon H, the most steps that will be asked for
   * @param progress receives every network's training events; may be null
   * @throws IllegalArgumentException when no series can be fitted
   */
  Fitted fit(List<double[]> training, int season, int horizon, TrainingListener progress);

  /** A fitted model. */
  interface Fitted {

    /**
     * The forecasts of {@code steps} values after each history.
     *
     * @param series which series each history belongs to (indices into the training list)
     * @param histories Not modified. Each a history of its series from its first observation (the
     *     training part, or a prefix or extension of it).
     * @param steps at most the fitted horizon
     * @return one row of {@code steps} forecasts per history, or null where the series could not be
     *     fitted ({@link #problem(int)} says why)
     */
    double[][] forecast(int[] series, List<double[]> histories, int steps);

    /** Why series i could not be fitted, or null when it was. */
    String problem(int series);
  }
}
