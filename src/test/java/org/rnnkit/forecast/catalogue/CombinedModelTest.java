package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.forecast.Forecaster;

class CombinedModelTest {

  /** A network stand-in: forecasts 10, 20, 30, ... whatever the history. */
  private static final CatalogueModel STEPS =
      CatalogueSeries.standIn(
          Forecaster.of(
              "steps",
              (y, h) -> {
                double[] f = new double[h];
                for (int i = 0; i < h; i++) {
                  f[i] = 10 * (i + 1);
                }
                return f;
              }));

  private static final Forecaster LAST =
      Forecaster.of(
          "last",
          (y, h) -> {
            double[] f = new double[h];
            java.util.Arrays.fill(f, y[y.length - 1]);
            return f;
          });
  private static final Forecaster CONSTANT =
      Forecaster.of(
          "constant",
          (y, h) -> {
            double[] f = new double[h];
            java.util.Arrays.fill(f, 15);
            return f;
          });
  private static final Forecaster FAILING =
      Forecaster.of(
          "failing",
          (y, h) -> {
            throw new IllegalArgumentException("too short");
          });
  private static final Forecaster NOT_FINITE =
      Forecaster.of("nan", (y, h) -> new double[] {Double.NaN, 0, 0});

  private static double[] forecast(CombinedModel model, double[] history) {
    CatalogueModel.Fitted f = model.fit(List.of(history), 1, 3, null);
    assertNull(f.problem(0));
    return f.forecast(new int[] {0}, List.of(history), 3)[0];
  }

  @Test
  void theMedianAndTheMeanAreTakenStepByStep() {
    double[] history = {1, 2, 25};
    // network 10, 20, 30; last 25, 25, 25; constant 15, 15, 15
    var median = new CombinedModel(STEPS, List.of(LAST, CONSTANT), CombinedModel.Rule.MEDIAN);
    assertArrayEquals(new double[] {15, 20, 25}, forecast(median, history), 0);
    var mean = new CombinedModel(STEPS, List.of(LAST, CONSTANT), CombinedModel.Rule.MEAN);
    assertArrayEquals(new double[] {50 / 3.0, 60 / 3.0, 70 / 3.0}, forecast(mean, history), 1e-12);
    assertEquals("global", median.name());
  }

  @Test
  void aMethodThatFailsOrIsNotFiniteIsLeftOut() {
    double[] history = {1, 2, 25};
    var median =
        new CombinedModel(STEPS, List.of(LAST, FAILING, NOT_FINITE), CombinedModel.Rule.MEDIAN);
    // the median of the network and last: their mean
    assertArrayEquals(new double[] {17.5, 22.5, 27.5}, forecast(median, history), 0);
    var alone = new CombinedModel(STEPS, List.of(), CombinedModel.Rule.MEDIAN);
    assertArrayEquals(new double[] {10, 20, 30}, forecast(alone, history), 0);
  }

  @Test
  void eachHistoryIsCombinedWithTheMethodsOnThatHistory() {
    var median = new CombinedModel(STEPS, List.of(LAST, CONSTANT), CombinedModel.Rule.MEDIAN);
    CatalogueModel.Fitted f = median.fit(List.of(new double[] {1, 2}), 1, 3, null);
    List<double[]> histories = new ArrayList<>();
    histories.add(new double[] {0, 0, 0});
    histories.add(new double[] {0, 40});
    double[][] out = f.forecast(new int[] {0, 0}, histories, 2);
    assertArrayEquals(new double[] {10, 15}, out[0], 0);
    assertArrayEquals(new double[] {15, 20}, out[1], 0);
  }
}
