package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.m4.M4Benchmarks;

class SeriesBacktestTest {
  /** The per-series forecaster at a budget the test suite can afford. */
  static final ForecastConfig TINY =
      ForecastConfig.builder().hidden(4).epochs(4).minEpochs(1).ensemble(2).seed(3).build();

  private static final Backtest.Setup SETUP =
      new Backtest.Setup(4, true, 2, 1, new double[] {0.8, 0.95});

  @Test
  void seriesOneAtATimeGiveWhatTheWholeCatalogueRunGives() {
    oneAtATimeEqualsTheWholeRun(SETUP);
  }

  @Test
  void alsoWithTheRefit() {
    oneAtATimeEqualsTheWholeRun(new Backtest.Setup(4, true, 2, 1, new double[] {0.8, 0.95}, true));
  }

  private static void oneAtATimeEqualsTheWholeRun(Backtest.Setup setup) {
    List<SeriesInput> catalogue = new ArrayList<>(CatalogueSeries.catalogue(4, 40, 5));
    catalogue.add(1, SeriesInput.of("short", TimeSeries.of("short", 1, 2, 3, 4, 5)));
    catalogue.add(SeriesInput.failed("text", "'n/a' is not a number"));
    List<Forecaster> baselines = M4Benchmarks.all(1);
    CatalogueResult whole =
        Backtest.run(catalogue, setup, new LocalModel(TINY, null), baselines, "naive2", null, null);

    // each series fitted in its own call, as an executor would (a new model each time)
    List<SeriesBacktest.Fit> fits = new ArrayList<>();
    List<double[][]> errors = new ArrayList<>();
    for (SeriesInput s : catalogue) {
      SeriesBacktest.Fit fit = SeriesBacktest.fit(s, setup, new LocalModel(TINY, null));
      fits.add(fit);
      errors.add(SeriesBacktest.errors(s, fit, setup));
    }
    ConformalIntervals intervals = Backtest.calibrate(errors, setup);
    CatalogueTables tables = CatalogueTables.of(whole);
    for (int i = 0; i < catalogue.size(); i++) {
      SeriesResult alone =
          SeriesBacktest.score(catalogue.get(i), fits.get(i), setup, "local", intervals, baselines);
      SeriesResult inRun = whole.series().get(i);
      assertEquals(inRun.problem(), alone.problem());
      assertRowsEqual(tables.forecastRows(inRun), tables.forecastRows(alone));
      assertRowsEqual(tables.metricRows(inRun), tables.metricRows(alone));
    }
    assertFalse(fits.get(1).ok(), "the short series is an error");
    assertNull(fits.get(0).problem());
    assertEquals(whole.intervals().errorsPerStep(), intervals.errorsPerStep());
  }

  static void assertRowsEqual(List<Object[]> expected, List<Object[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int r = 0; r < expected.size(); r++) {
      assertArrayEquals(expected.get(r), actual.get(r), "row " + r);
    }
  }
}
