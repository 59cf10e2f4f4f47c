package org.rnnkit.forecast.m4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnkit.forecast.m4.ExponentialSmoothing.Trend;

class ExponentialSmoothingTest {
  private static final double[] Y = {10, 12, 11};

  @Test
  void simpleSmoothingRecursionByHand() {
    // alpha 0.5, l0 10: f 10, e 0, l 10; f 10, e 2, l 11; f 11, e 0, l 11. MSE 4/3
    var fit = ExponentialSmoothing.withParameters(Y, Trend.NONE, 0.5, 0, 1, 10, 0);
    assertEquals(4.0 / 3, fit.mse(), 1e-15);
    assertArrayEquals(new double[] {11, 11}, fit.forecast(2), 1e-15);
  }

  @Test
  void holtRecursionByHand() {
    // alpha 0.5, beta 0.2, l0 9, b0 1:
    // t1: f 10,   e 0,    l 10,    b 1
    // t2: f 11,   e 1,    l 11.5,  b 1.2
    // t3: f 12.7, e -1.7, l 11.85, b 0.86.  MSE (0 + 1 + 2.89) / 3
    var fit = ExponentialSmoothing.withParameters(Y, Trend.ADDITIVE, 0.5, 0.2, 1, 9, 1);
    assertEquals(3.89 / 3, fit.mse(), 1e-14);
    assertEquals(11.85, fit.level(), 1e-14);
    assertEquals(0.86, fit.slope(), 1e-14);
    assertArrayEquals(new double[] {12.71, 13.57}, fit.forecast(2), 1e-13);
  }

  @Test
  void dampedRecursionByHand() {
    // alpha 0.5, beta 0.2, phi 0.9, l0 9, b0 1:
    // t1: f 9 + 0.9 = 9.9,            e 0.1,      l 9.95,     b 0.9 + 0.02 = 0.92
    // t2: f 9.95 + 0.828 = 10.778,    e 1.222,    l 11.389,   b 0.828 + 0.2444 = 1.0724
    // t3: f 11.389 + 0.96516,         e -1.35416, l 11.67708, b 0.96516 - 0.270832 = 0.694328
    // MSE (0.01 + 1.493284 + 1.8337493056) / 3; f1 = l + 0.9 b, f2 = l + (0.9 + 0.81) b
    var fit = ExponentialSmoothing.withParameters(Y, Trend.DAMPED, 0.5, 0.2, 0.9, 9, 1);
    assertEquals(3.3370333056 / 3, fit.mse(), 1e-13);
    assertArrayEquals(
        new double[] {11.67708 + 0.9 * 0.694328, 11.67708 + 1.71 * 0.694328},
        fit.forecast(2),
        1e-12);
  }

  @Test
  void holtFollowsAnExactLineAndSesLagsItByTheSlopeTimesOneMinusAlphaOverAlpha() {
    double[] line = new double[20];
    for (int t = 1; t <= 20; t++) {
      line[t - 1] = 2 + 3 * t;
    }
    // the least-squares start l0 = 2, b0 = 3 fits exactly (MSE 0): the line continues
    var holt = ExponentialSmoothing.fit(line, Trend.ADDITIVE);
    assertArrayEquals(new double[] {65, 68, 71}, holt.forecast(3), 1e-9);
    // SES: in steady state e = b / alpha, largest alpha best: 0.9999, level y_n - 3 (1e-4 / 0.9999)
    var ses = ExponentialSmoothing.fit(line, Trend.NONE);
    assertEquals(0.9999, ses.alpha(), 1e-6);
    assertEquals(62 - 3e-4 / 0.9999, ses.forecast(1)[0], 1e-6);
  }

  @Test
  void aConstantSeriesIsForecastConstant() {
    double[] flat = new double[12];
    java.util.Arrays.fill(flat, 7.5);
    for (Trend trend : Trend.values()) {
      var f = ExponentialSmoothing.fit(flat, trend).forecast(4);
      assertArrayEquals(new double[] {7.5, 7.5, 7.5, 7.5}, f, 1e-9, trend.name());
    }
  }

  @Test
  void parametersStayWithinTheirBounds() {
    double[] y = {5, 9, 4, 11, 3, 12, 2, 14, 1, 15, 0.5, 16};
    var fit = ExponentialSmoothing.fit(y, Trend.DAMPED);
    assertTrue(fit.alpha() >= 1e-4 && fit.alpha() <= 0.9999, "alpha " + fit.alpha());
    assertTrue(fit.beta() >= 1e-4 && fit.beta() <= fit.alpha(), "beta " + fit.beta());
    assertTrue(fit.phi() >= 0.8 && fit.phi() <= 0.98, "phi " + fit.phi());
  }

  @Test
  void tooShortASeriesIsRefusedNamingTheMinimum() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExponentialSmoothing.fit(new double[9], Trend.DAMPED));
    assertTrue(e.getMessage().contains("at least 10 values, got 9"), e.getMessage());
  }
}
