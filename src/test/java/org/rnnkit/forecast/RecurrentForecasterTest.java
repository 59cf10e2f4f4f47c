package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnkit.data.Datasets;
import org.rnnkit.data.SyntheticSeries;
import org.rnnkit.data.TimeSeries;

/**
 * The default forecaster, made small enough for the test suite (2 networks), beats seasonal naive
 * on MASE on real and synthetic series of different kinds, without per-series tuning.
 */
class RecurrentForecasterTest {
  private static final ForecastConfig FAST = ForecastConfig.defaults().withEnsemble(2);

  static Stream<Arguments> series() throws IOException {
    TimeSeries co2 = Datasets.load("co2");
    TimeSeries sunspots = Datasets.load("sunspot.month");
    return Stream.of(
        Arguments.of(Datasets.load("AirPassengers"), 24),
        Arguments.of(co2.tail(co2.size() - 180), 24),
        Arguments.of(sunspots.tail(sunspots.size() - 360), 24),
        Arguments.of(SyntheticSeries.trendSeason(120, 0.8, 0.25, true, 2, 1), 12),
        Arguments.of(SyntheticSeries.trendSeason(120, -0.3, 8, false, 1, 2), 12),
        Arguments.of(SyntheticSeries.noisySine(150, 12, 0.3, 3), 12),
        Arguments.of(SyntheticSeries.mackeyGlass(300, 1, 4), 12),
        Arguments.of(SyntheticSeries.autoregressive(200, new double[] {0.6, 0.3}, 1, 5), 8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("series")
  void beatsSeasonalNaiveOnMase(TimeSeries series, int holdout) {
    int season = series.frequency().season();
    var eval =
        HoldoutEvaluation.run(
            series, season, holdout, holdout, new RecurrentForecaster(FAST, season, null));
    double model = eval.metrics().get(eval.model()).get("MASE");
    double seasonalNaive = eval.metrics().get("seasonal_naive").get("MASE");
    assertTrue(
        model < seasonalNaive,
        "%s: MASE %.3f, seasonal naive %.3f".formatted(series.name(), model, seasonalNaive));
  }

  @Test
  void airPassengersBeatsSeasonalNaiveOnSmapeToo() throws IOException {
    var eval =
        HoldoutEvaluation.run(
            Datasets.load("AirPassengers"), 12, 24, 24, new RecurrentForecaster(FAST, 12, null));
    double smape = eval.metrics().get(eval.model()).get("sMAPE");
    assertTrue(smape < eval.metrics().get("seasonal_naive").get("sMAPE"), "sMAPE " + smape);
    for (int h = 0; h < 24; h++) {
      double[] f = eval.fitted().point();
      assertTrue(eval.fitted().lower()[h] <= f[h] && f[h] <= eval.fitted().upper()[h]);
    }
  }

  @Test
  void sameSeedGivesTheSameForecastAndTheRecursiveStrategyWorks() {
    double[] y = SyntheticSeries.noisySine(100, 12, 0.2, 7).values();
    var config = ForecastConfig.defaults().withEnsemble(2).withEpochs(20);
    double[] a = new RecurrentForecaster(config, 12, null).forecast(y, 6);
    double[] b = new RecurrentForecaster(config, 12, null).forecast(y, 6);
    assertArrayEquals(a, b, 0);
    var recursive = config.withStrategy(ForecastConfig.Strategy.RECURSIVE);
    double[] r = new RecurrentForecaster(recursive, 12, null).forecast(y, 6);
    assertTrue(r.length == 6 && java.util.Arrays.stream(r).allMatch(Double::isFinite));
  }

  @Test
  void savedModelGivesTheSameForecast(@TempDir Path dir) throws IOException {
    double[] y = SyntheticSeries.trendSeason(80, 1, 0.2, true, 1, 8).values();
    var config = ForecastConfig.defaults().withEnsemble(3).withEpochs(10);
    var fitted = new RecurrentForecaster(config, 12, null).fit(y, 12);
    Path file = dir.resolve("model.npz");
    ForecastModelFile.save(file, fitted.ensemble(), config, 12);
    ForecastEnsemble loaded = ForecastModelFile.load(file);
    assertArrayEquals(fitted.point(), loaded.forecast(y, 12), 1e-12);
    Files.write(file, new byte[] {1, 2, 3});
    assertThrows(IOException.class, () -> ForecastModelFile.load(file));
  }

  @Test
  void tooShortSeriesIsRejectedWithWhatToChange() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RecurrentForecaster(FAST, 12, null).fit(new double[20], 12));
    assertTrue(
        e.getMessage().contains("too short") && e.getMessage().contains("--window"),
        e.getMessage());
  }
}
