package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.Baselines;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.train.TrainingListener;

class BacktestTest {
  private static final int H = 4;

  /** With the refit, as the catalogue command runs it. */
  private static final Backtest.Setup SETUP =
      new Backtest.Setup(H, true, 2, 1, new double[] {0.8, 0.95}, true);

  private static final List<Forecaster> BASELINES = List.of(Baselines.naive(), Baselines.drift());

  private static CatalogueResult run(List<SeriesInput> catalogue) {
    return Backtest.run(
        catalogue,
        SETUP,
        new GlobalForecaster(CatalogueSeries.SMALL),
        BASELINES,
        "naive",
        null,
        null);
  }

  /**
   * The shipped model: the network's median with Damped and Theta, or the network alone, as the
   * backtest chooses.
   */
  private static CatalogueResult runCombined(List<SeriesInput> catalogue) {
    CatalogueModel combined =
        CombinedModel.chosenByBacktest(
            new GlobalForecaster(CatalogueSeries.SMALL),
            List.of(M4Benchmarks.damped(1), M4Benchmarks.theta(1)));
    return Backtest.run(catalogue, SETUP, combined, BASELINES, "naive", null, null);
  }

  /** The median with Damped and Theta made whatever the backtest says ({@code --combine NAMES}). */
  private static CatalogueResult runAlwaysCombined(List<SeriesInput> catalogue) {
    CatalogueModel combined =
        new CombinedModel(
            new GlobalForecaster(CatalogueSeries.SMALL),
            List.of(M4Benchmarks.damped(1), M4Benchmarks.theta(1)),
            CombinedModel.Rule.MEDIAN);
    return Backtest.run(catalogue, SETUP, combined, BASELINES, "naive", null, null);
  }

  /** Records the lengths of the training parts each fit saw; forecasts the last value. */
  private static final class Recording implements CatalogueModel {
    final List<int[]> fits = new ArrayList<>();

    @Override
    public String name() {
      return "global";
    }

    @Override
    public Fitted fit(List<double[]> training, int season, int horizon, TrainingListener progress) {
      fits.add(training.stream().mapToInt(y -> y.length).toArray());
      return new Fitted() {
        @Override
        public double[][] forecast(int[] series, List<double[]> histories, int steps) {
          double[][] f = new double[histories.size()][steps];
          for (int k = 0; k < f.length; k++) {
            java.util.Arrays.fill(f[k], histories.get(k)[histories.get(k).length - 1]);
          }
          return f;
        }

        @Override
        public String problem(int series) {
          return null;
        }
      };
    }
  }

  @Test
  void theRefitSeesTheWholeTrainingPartAndOnlyIt() {
    List<SeriesInput> catalogue = CatalogueSeries.catalogue(3, 40, 5);
    Recording refit = new Recording();
    Backtest.run(catalogue, SETUP, refit, BASELINES, "naive", null, null);
    assertEquals(2, refit.fits.size());
    for (int i = 0; i < catalogue.size(); i++) {
      int n = catalogue.get(i).series().size();
      // first the fitted part (before the origins), then the training part (before the test part)
      assertEquals(n - H - SETUP.origins() * H, refit.fits.get(0)[i]);
      assertEquals(n - H, refit.fits.get(1)[i]);
    }
    Recording once = new Recording();
    var noRefit = new Backtest.Setup(H, true, 2, 1, new double[] {0.8, 0.95});
    assertFalse(noRefit.refit(), "the five-argument protocol fits once");
    Backtest.run(catalogue, noRefit, once, BASELINES, "naive", null, null);
    assertEquals(1, once.fits.size());
  }

  @Test
  void withoutOriginsTheRefitIsAskedForButNotMade() {
    var noOrigins = new Backtest.Setup(H, true, 0, 1, new double[] {0.8, 0.95}, true);
    assertTrue(noOrigins.refit());
    assertFalse(noOrigins.refits(), "the one fit already sees the whole training part");
    assertTrue(SETUP.refits());
    Recording fits = new Recording();
    Backtest.run(
        CatalogueSeries.catalogue(3, 40, 5), noOrigins, fits, BASELINES, "naive", null, null);
    assertEquals(1, fits.fits.size());
  }

  /** A forecaster of the last value that first sleeps {@code millis}. */
  private static Forecaster sleeping(String name, long millis) {
    return Forecaster.of(
        name,
        (y, steps) -> {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          double[] f = new double[steps];
          java.util.Arrays.fill(f, y[y.length - 1]);
          return f;
        });
  }

  /**
   * {@code fitSeconds} is the network's part, its fits and its forecasts from every origin (the
   * Spark job's {@code fit_seconds} is the same part), not the combination's methods. Here the
   * network sleeps 50 ms per forecast, 2 series x (3 origins + the refit's) = 8 one after another,
   * and the combined method 300 ms per forecast, at least 3 x 300 ms more (the origins one after
   * another); fails if the forecasts are left out or the combination counted.
   */
  @Test
  void theFitTimeIsTheNetworksFitsAndForecastsNotTheCombinations() {
    CatalogueModel model =
        new CombinedModel(
            CatalogueSeries.standIn(sleeping("net", 50)),
            List.of(sleeping("slow", 300)),
            CombinedModel.Rule.MEDIAN);
    CatalogueResult r =
        Backtest.run(
            CatalogueSeries.catalogue(2, 40, 5), SETUP, model, BASELINES, "naive", null, null);
    assertTrue(r.fitSeconds() >= 8 * 0.05, "fit seconds " + r.fitSeconds());
    assertTrue(r.fitSeconds() < 8 * 0.05 + 0.6, "fit seconds " + r.fitSeconds());
    assertTrue(r.seconds() >= 8 * 0.05 + 3 * 0.3, "run seconds " + r.seconds());
  }

  /**
   * The intervals are scaled per series by {@link NormalisedScore#scale} (recent volatility and the
   * series' own backtest error), around pooled quantiles: every series' width divided by its own s
   * is the same. Fails with the whole fitted part's MASE scale in its place.
   */
  @Test
  void eachIntervalIsScaledByItsSeriesNormalisedScale() {
    List<SeriesInput> catalogue = CatalogueSeries.catalogue(4, 60, 7);
    CatalogueResult result =
        Backtest.run(catalogue, SETUP, new Recording(), BASELINES, "naive", null, null);
    double[] unit = null;
    for (SeriesResult r : result.series()) {
      assertTrue(r.ok(), r.id());
      double[] y = r.series().values();
      int end = r.trainEnd();
      int[] origins = {end - H, end - 2 * H};
      double[][] backtest = new double[2][H];
      for (int k = 0; k < 2; k++) {
        java.util.Arrays.fill(backtest[k], y[origins[k] - 1]);
      }
      double s = NormalisedScore.scale(y, end, H, origins, backtest, 1);
      double[] perScale = new double[H];
      for (int h = 0; h < H; h++) {
        assertTrue(r.lower()[1][h] > 0, "no lower end cut at 0");
        perScale[h] = (r.upper()[1][h] - r.lower()[1][h]) / s;
      }
      if (unit == null) {
        unit = perScale;
      } else {
        for (int h = 0; h < H; h++) {
          assertEquals(unit[h], perScale[h], 1e-9 * unit[h], r.id() + ", step " + (h + 1));
        }
      }
    }
  }

  @Test
  void changingOnlyTestValuesChangesNoForecast() {
    List<SeriesInput> catalogue = CatalogueSeries.catalogue(6, 60, 11);
    List<SeriesInput> changed = new ArrayList<>();
    for (SeriesInput s : catalogue) {
      double[] y = s.series().values();
      for (int t = y.length - H; t < y.length; t++) {
        y[t] = 1e6 + t;
      }
      changed.add(SeriesInput.of(s.id(), TimeSeries.of(s.id(), y)));
    }
    assertNoLeak(catalogue, changed, run(catalogue), run(changed));
    assertNoLeak(catalogue, changed, runCombined(catalogue), runCombined(changed));
    assertNoLeak(catalogue, changed, runAlwaysCombined(catalogue), runAlwaysCombined(changed));
  }

  private static void assertNoLeak(
      List<SeriesInput> catalogue,
      List<SeriesInput> changed,
      CatalogueResult a,
      CatalogueResult b) {
    for (int i = 0; i < catalogue.size(); i++) {
      SeriesResult x = a.series().get(i);
      SeriesResult y = b.series().get(i);
      for (String method : a.methods()) {
        assertArrayEquals(x.forecasts().get(method), y.forecasts().get(method), 0, method);
        // the backtest origins are scored on training values only: the same scores
        for (int k = 1; k <= SETUP.origins(); k++) {
          assertEquals(x.score(k, method, "MASE"), y.score(k, method, "MASE"), 0);
        }
      }
      for (int j = 0; j < 2; j++) {
        assertArrayEquals(x.lower()[j], y.lower()[j], 0);
        assertArrayEquals(x.upper()[j], y.upper()[j], 0);
      }
      // while the test scores do change
      assertTrue(x.score(0, "global", "MASE") != y.score(0, "global", "MASE"));
    }
  }

  @Test
  void badSeriesBecomeErrorRowsAndTheOthersRun() {
    List<SeriesInput> catalogue = new ArrayList<>(CatalogueSeries.catalogue(4, 50, 7));
    double[] constant = new double[50];
    java.util.Arrays.fill(constant, 3.5);
    catalogue.add(1, SeriesInput.of("short", TimeSeries.of("short", 1, 2, 3, 4, 5, 6)));
    catalogue.add(SeriesInput.of("flat", TimeSeries.of("flat", constant)));
    catalogue.add(SeriesInput.failed("text", "row 3 has 'n/a' where a number should be"));
    AtomicInteger done = new AtomicInteger();
    CatalogueResult r =
        Backtest.run(
            catalogue,
            SETUP,
            new GlobalForecaster(CatalogueSeries.SMALL),
            BASELINES,
            "naive",
            null,
            done::incrementAndGet);
    assertEquals(7, r.series().size());
    assertEquals(4, r.forecastCount());
    assertEquals(4, done.get());
    SeriesResult shortOne = r.series().get(1);
    assertFalse(shortOne.ok());
    assertTrue(shortOne.problem().startsWith("too short: 6 values"), shortOne.problem());
    assertTrue(r.series().get(5).problem().startsWith("constant"), r.series().get(5).problem());
    assertTrue(r.series().get(6).problem().contains("n/a"));
    for (int i : new int[] {0, 2, 3, 4}) {
      SeriesResult ok = r.series().get(i);
      assertTrue(ok.ok());
      assertNull(ok.problem());
      assertEquals(H, ok.forecasts().get("global").length);
      assertTrue(Double.isFinite(ok.score(0, "global", "sMAPE")));
      assertTrue(Double.isFinite(ok.score(0, "global", "MSIS")));
    }
    assertNotNull(r.test());
    assertEquals(4, r.test().scored());
    assertEquals(1.0, r.test().owa().get("naive"), 1e-12);
    assertEquals(8, r.backtest().scored());
  }

  @Test
  void anEmptyCatalogueOrOneWithNothingForecastableIsRefused() {
    var empty = assertThrows(IllegalArgumentException.class, () -> run(List.of()));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    var none =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(List.of(SeriesInput.of("a", TimeSeries.of("a", 1, 2, 3)))));
    assertTrue(none.getMessage().contains("a: too short"), none.getMessage());
  }
}
