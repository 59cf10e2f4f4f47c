package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void everyMetricMatchesItsDefinitionByHand() {
    double[] train = {10, 12, 11, 13, 12, 14};
    double[] actual = {15, 10};
    double[] forecast = {12, 12};
    Map<String, Double> m = Metrics.compute(train, actual, forecast, 2);
    // errors 3 and -2
    assertEquals(2.5, m.get("MAE"), 1e-15);
    assertEquals(Math.sqrt((9 + 4) / 2.0), m.get("RMSE"), 1e-15);
    assertEquals(100 * (3.0 / 15 + 2.0 / 10) / 2, m.get("MAPE"), 1e-12);
    assertEquals(200 * (3.0 / 27 + 2.0 / 22) / 2, m.get("sMAPE"), 1e-12);
    // seasonal naive in-sample errors at lag 2: |11-10|,|13-12|,|12-11|,|14-13| -> mean 1
    assertEquals(2.5, m.get("MASE"), 1e-15);
  }

  @Test
  void seasonOneScalesByTheNaiveError() {
    double[] train = {1, 3, 2, 6};
    // naive in-sample errors 2, 1, 4 -> mean 7/3
    var m = Metrics.compute(train, new double[] {7}, new double[] {6}, 1);
    assertEquals(1 / (7.0 / 3), m.get("MASE"), 1e-15);
  }

  @Test
  void undefinedMetricsAreNanNotInfinite() {
    var zero = Metrics.compute(new double[] {1, 2, 3}, new double[] {0, 2}, new double[] {1, 2}, 1);
    assertEquals(Double.NaN, zero.get("MAPE"));
    assertEquals(0.5, zero.get("MAE"), 0);
    var flat = Metrics.compute(new double[] {5, 5, 5}, new double[] {6}, new double[] {5}, 1);
    assertEquals(Double.NaN, flat.get("MASE"));
  }

  @Test
  void mismatchedLengthsAreRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Metrics.compute(new double[] {1, 2, 3}, new double[] {1}, new double[] {1, 2}, 1));
    assertEquals(true, e.getMessage().contains("got 2 and 1"), e.getMessage());
  }
}
