package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalForecasterTest {

  @Test
  void scaledCopiesGetScaledForecasts() {
    List<double[]> training = new ArrayList<>();
    for (SeriesInput s : CatalogueSeries.catalogue(4, 60, 3)) {
      training.add(s.series().values());
    }
    double[] first = training.get(0);
    double[] scaled = new double[first.length];
    double[] shifted = new double[first.length];
    for (int t = 0; t < first.length; t++) {
      scaled[t] = 1000 * first[t];
      // negative values: no log, the additive path
      shifted[t] = first[t] - 200;
    }
    double[] negativeScaled = new double[first.length];
    for (int t = 0; t < first.length; t++) {
      negativeScaled[t] = 0.01 * shifted[t];
    }
    training.add(scaled);
    training.add(shifted);
    training.add(negativeScaled);
    GlobalModel model = new GlobalForecaster(CatalogueSeries.SMALL).fit(training, 4, 6, null);
    double[][] f =
        model.forecast(new int[] {0, 4, 5, 6}, List.of(first, scaled, shifted, negativeScaled), 6);
    for (int h = 0; h < 6; h++) {
      assertEquals(1000 * f[0][h], f[1][h], 1e-9 * Math.abs(f[1][h]), "log path, step " + (h + 1));
      assertEquals(
          0.01 * f[2][h], f[3][h], 1e-9 * Math.abs(f[2][h]), "additive path, step " + (h + 1));
    }
    // the forecast is not simply the last value: the copies agree because of the normalisation
    assertTrue(Math.abs(f[0][5] - first[first.length - 1]) > 1e-6);
  }

  @Test
  void shortHistoriesArePaddedAndLongerStepsRefused() {
    List<double[]> training = new ArrayList<>();
    for (SeriesInput s : CatalogueSeries.catalogue(3, 50, 5)) {
      training.add(s.series().values());
    }
    GlobalModel model = new GlobalForecaster(CatalogueSeries.SMALL).fit(training, 1, 4, null);
    double[][] f = model.forecast(new int[] {1}, List.of(new double[] {60, 61}), 4);
    for (double v : f[0]) {
      assertTrue(Double.isFinite(v) && v > 0, "a two-value history gives finite forecasts");
    }
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.forecast(new int[] {0}, List.of(training.get(0)), 5));
    assertTrue(e.getMessage().contains("1 to 4 steps"), e.getMessage());
  }

  @Test
  void networksTrainedElsewhereAssembleIntoTheSameModel() {
    List<double[]> training = new ArrayList<>();
    for (SeriesInput s : CatalogueSeries.catalogue(3, 50, 5)) {
      training.add(s.series().values());
    }
    GlobalForecaster forecaster = new GlobalForecaster(CatalogueSeries.SMALL);
    GlobalModel fitted = forecaster.fit(training, 4, 4, null);
    GlobalModel assembled = forecaster.assemble(fitted.members(), training, 4, 4);
    int[] which = {0, 1, 2};
    double[][] a = fitted.forecast(which, training, 4);
    double[][] b = assembled.forecast(which, training, 4);
    for (int k = 0; k < 3; k++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(a[k], b[k], 0);
    }
  }

  @Test
  void theNetworksMinimiseTheConfiguredLoss() {
    List<double[]> training = new ArrayList<>();
    for (SeriesInput s : CatalogueSeries.catalogue(3, 50, 5)) {
      training.add(s.series().values());
    }
    double[][] forecasts = new double[GlobalConfig.TrainingLoss.values().length][];
    for (GlobalConfig.TrainingLoss loss : GlobalConfig.TrainingLoss.values()) {
      GlobalConfig config = CatalogueSeries.SMALL.toBuilder().loss(loss).build();
      forecasts[loss.ordinal()] =
          new GlobalForecaster(config)
              .fit(training, 1, 4, null)
              .forecast(new int[] {0}, training.subList(0, 1), 4)[0];
    }
    // same seeds and windows: only the loss differs, so each gives other weights
    for (int a = 0; a < forecasts.length; a++) {
      for (int b = a + 1; b < forecasts.length; b++) {
        assertTrue(
            Math.abs(forecasts[a][3] - forecasts[b][3]) > 1e-9,
            "losses %d and %d gave the same forecast".formatted(a, b));
      }
    }
  }

  @Test
  void refusesACatalogueWithNothingToTrainOn() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new GlobalForecaster(CatalogueSeries.SMALL)
                    .fit(List.of(new double[] {1, 2, 3, 4, 5}), 1, 4, null));
    assertTrue(e.getMessage().contains("no series is long enough"), e.getMessage());
  }
}
