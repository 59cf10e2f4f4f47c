package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.SyntheticSeries;
import org.rnnkit.data.TimeSeries;

/**
 * Issue 15: a saved forecaster given the last values of a series instead of its whole history
 * applied its seasonal indices from the wrong phase. A history is now placed by its dates, or
 * refused when it cannot be placed.
 */
class TrainedForecasterTest {
  /** Monthly, strongly seasonal (amplitude 30%), 96 values; trained on the first 84. */
  private static final TimeSeries SERIES = SyntheticSeries.trendSeason(96, 1, 0.3, true, 1, 3);

  private static final int TRAINED = 84;
  private static TrainedForecaster trained;

  @BeforeAll
  static void train() {
    var config = ForecastConfig.builder().ensemble(2).epochs(30).hidden(8).build();
    TimeSeries training = SERIES.head(TRAINED);
    var fitted = new RecurrentForecaster(config, 12, null).fit(training.values(), 12);
    trained = TrainedForecaster.of(fitted, training);
    assertTrue(trained.ensemble().transform().deseasonalizes(), "the season must be removed");
  }

  @Test
  void aDatedTailIsPlacedByItsDates() {
    // the last 30 values of the whole series: 12 past the training data
    TimeSeries tail = SERIES.tail(SERIES.size() - 30);
    assertEquals(SERIES.size() - 1, trained.align(tail));
    var fromTail = trained.forecast(tail, 12);
    var fromWhole = trained.forecast(SERIES, 12);
    for (int h = 0; h < 12; h++) {
      // the two differ only through the smoothed level's start, not the season
      assertEquals(fromWhole.point()[h], fromTail.point()[h], 0.03 * fromWhole.point()[h], "h" + h);
      assertTrue(fromTail.lower()[h] <= fromTail.point()[h]);
      assertTrue(fromTail.point()[h] <= fromTail.upper()[h]);
    }
    // read from the wrong phase (the old library path counted the season from the tail's start)
    var wrongPhase = trained.forecast(tail.values(), tail.size() - 1, 12);
    double worst = 0;
    for (int h = 0; h < 12; h++) {
      worst = Math.max(worst, Math.abs(wrongPhase.point()[h] / fromWhole.point()[h] - 1));
    }
    assertTrue(worst > 0.15, "a wrong phase should show, worst relative difference " + worst);
  }

  @Test
  void anUndatedHistoryMustCoverTheTrainingHistory() {
    double[] all = SERIES.values();
    double[] tail = java.util.Arrays.copyOfRange(all, all.length - 30, all.length);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> trained.align(TimeSeries.of("tail", tail)));
    assertTrue(
        e.getMessage().contains("season") && e.getMessage().contains("dated"), e.getMessage());
    // from the first training value on, the length places it
    assertEquals(all.length - 1, trained.align(TimeSeries.of("whole", all)));
    var shortOne =
        assertThrows(
            IllegalArgumentException.class, () -> trained.align(SERIES.tail(SERIES.size() - 5)));
    assertTrue(shortOne.getMessage().contains("at least"), shortOne.getMessage());
  }

  @Test
  void theModelFileKeepsTheOriginAndTheInterval(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.npz");
    ForecastModelFile.save(file, trained, ForecastConfig.builder().hidden(8).build());
    TrainedForecaster loaded = ForecastModelFile.load(file);
    assertEquals(trained.trainedLength(), loaded.trainedLength());
    assertEquals(trained.lastDate(), loaded.lastDate());
    assertEquals(trained.frequency(), loaded.frequency());
    assertEquals(trained.intervalQuantile(), loaded.intervalQuantile(), 0);
    TimeSeries tail = SERIES.tail(SERIES.size() - 30);
    var a = trained.forecast(tail, 12);
    var b = loaded.forecast(tail, 12);
    assertArrayEquals(a.point(), b.point(), 1e-12);
    assertArrayEquals(a.upper(), b.upper(), 1e-12);
  }
}
