package org.rnnkit.forecast.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.train.TrainingListener;

/** Small seeded catalogues for the tests: trending, seasonal and noisy positive series. */
final class CatalogueSeries {
  private CatalogueSeries() {}

  /** A GlobalConfig small enough for the test suite. */
  static final GlobalConfig SMALL =
      GlobalConfig.builder().hidden(8).epochs(6).ensemble(2).windowsPerSeries(8).threads(1).build();

  /** {@code count} series of {@code length} values: level, trend, a season of 4, noise. */
  static List<SeriesInput> catalogue(int count, int length, long seed) {
    Random rng = new Random(seed);
    List<SeriesInput> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double level = 50 + 100 * rng.nextDouble();
      double trend = rng.nextGaussian() * 0.5;
      double amplitude = 5 * rng.nextDouble();
      double[] y = new double[length - i % 3 * 5];
      for (int t = 0; t < y.length; t++) {
        y[t] = level + trend * t + amplitude * Math.sin(2 * Math.PI * t / 4) + rng.nextGaussian();
      }
      out.add(SeriesInput.of("s" + i, TimeSeries.of("s" + i, y)));
    }
    return out;
  }

  /**
   * A network stand-in named {@code global}: fits nothing and forecasts every history as {@code
   * method} does.
   */
  static CatalogueModel standIn(Forecaster method) {
    return new CatalogueModel() {
      @Override
      public String name() {
        return "global";
      }

      @Override
      public Fitted fit(
          List<double[]> training, int season, int horizon, TrainingListener progress) {
        return new Fitted() {
          @Override
          public double[][] forecast(int[] series, List<double[]> histories, int steps) {
            return histories.stream().map(y -> method.forecast(y, steps)).toArray(double[][]::new);
          }

          @Override
          public String problem(int series) {
            return null;
          }
        };
      }
    };
  }
}
