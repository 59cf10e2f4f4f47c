package org.rnnkit.forecast.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.rnnkit.data.Frequency;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.RecurrentForecaster;
import org.rnnkit.forecast.TrainedForecaster;
import org.rnnkit.train.TrainingListener;

/**
 * One {@link RecurrentForecaster} per series (the {@code forecast} command's model), fitted on each
 * series' training part alone, as a {@link CatalogueModel}. A series it cannot fit (too short for
 * its window) is reported, not fatal.
 */
public final class LocalModel implements CatalogueModel {
  private final ForecastConfig config;
  private final IntConsumer seriesDone;

  /**
   * @param seriesDone told the index of each series once it is fitted (for a progress bar); may be
   *     null
   */
  public LocalModel(ForecastConfig config, IntConsumer seriesDone) {
    this.config = config;
    this.seriesDone = seriesDone;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public CatalogueModel.Fitted fit(
      List<double[]> training, int season, int horizon, TrainingListener progress) {
    List<TrainedForecaster> trained = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    RecurrentForecaster forecaster = new RecurrentForecaster(config, season, progress);
    for (int i = 0; i < training.size(); i++) {
      double[] y = training.get(i);
      try {
        var fitted = forecaster.fit(y, horizon);
        trained.add(
            new TrainedForecaster(
                fitted.ensemble(),
                y.length,
                Frequency.UNDATED,
                null,
                horizon,
                fitted.intervalQuantile(),
                fitted.level()));
        problems.add(null);
      } catch (IllegalArgumentException e) {
        trained.add(null);
        problems.add(e.getMessage());
      }
      if (seriesDone != null) {
        seriesDone.accept(i);
      }
    }
    return new Fitted() {
      @Override
      public double[][] forecast(int[] series, List<double[]> histories, int steps) {
        double[][] out = new double[histories.size()][];
        for (int k = 0; k < out.length; k++) {
          TrainedForecaster f = trained.get(series[k]);
          double[] history = histories.get(k);
          out[k] = f == null ? null : f.forecast(history, history.length - 1, steps).point();
        }
        return out;
      }

      @Override
      public String problem(int series) {
        return problems.get(series);
      }
    };
  }
}
