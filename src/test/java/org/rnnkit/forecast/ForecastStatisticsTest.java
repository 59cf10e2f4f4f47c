package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The statistics the forecaster takes from commons-math3, against hand-worked values: the
 * definitions (which quantile, which variance) must not drift when their code does.
 */
class ForecastStatisticsTest {

  /** Type 1: x_(ceil(p n)) of the sorted values, no interpolation (R_7 would give 9.1 at 0.9). */
  @Test
  void theIntervalQuantileIsTheInverseEmpiricalDistribution() {
    double[] tenValues = {10, 3, 7, 1, 9, 2, 8, 5, 4, 6};
    assertEquals(9, RecurrentForecaster.quantile(tenValues, 0.9));
    assertEquals(9, RecurrentForecaster.quantile(tenValues, 0.85));
    assertEquals(10, RecurrentForecaster.quantile(tenValues, 0.91));
    assertEquals(1, RecurrentForecaster.quantile(tenValues, 0.05));
    assertEquals(1, RecurrentForecaster.quantile(tenValues, 0.1));
    assertEquals(10, RecurrentForecaster.quantile(tenValues, 0.999));
    assertEquals(4, RecurrentForecaster.quantile(new double[] {4}, 0.9));
  }

  /** The middle value, or the mean of the two middle values. */
  @Test
  void theEnsembleMedianIsTakenPerStep() {
    double[][] three = {{1, 30}, {3, 10}, {2, 20}};
    assertArrayEquals(new double[] {2, 20}, ForecastEnsemble.median(three));
    double[][] four = {{1, 0.1}, {4, 0.4}, {2, 0.2}, {3, 0.3}};
    assertArrayEquals(new double[] {2.5, 0.25}, ForecastEnsemble.median(four));
  }
}
