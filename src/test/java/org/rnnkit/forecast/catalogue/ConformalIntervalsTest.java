package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConformalIntervalsTest {

  /** -19, -18, .., 19 shuffled: 39 errors. */
  private static double[] thirtyNine() {
    double[] e = new double[39];
    for (int i = 0; i < 39; i++) {
      e[i] = ((i * 17) % 39) - 19;
    }
    return e;
  }

  @Test
  void perStepQuantilesWithTheFiniteSampleCorrection() {
    // n = 39: at 95%, lo = floor(40 * 0.025) = 1, hi = ceil(40 * 0.975) = 39: the extremes, -19 and
    // 19; at 80%, lo = floor(40 * 0.1) = 4, hi = ceil(40 * 0.9) = 36: -16 and 16
    double[] step2 = thirtyNine().clone();
    for (int i = 0; i < step2.length; i++) {
      step2[i] *= 2;
    }
    ConformalIntervals c = ConformalIntervals.calibrate(List.of(thirtyNine(), step2), 0.8, 0.95);
    assertTrue(c.calibrated());
    assertEquals(39, c.errorsPerStep());
    double[][] at95 = c.interval(1, new double[] {100, 100}, 0.5, false);
    assertArrayEquals(new double[] {100 - 9.5, 100 - 19}, at95[0], 1e-12);
    assertArrayEquals(new double[] {100 + 9.5, 100 + 19}, at95[1], 1e-12);
    double[][] at80 = c.interval(0, new double[] {100, 100}, 0.5, false);
    assertArrayEquals(new double[] {100 - 8, 100 - 16}, at80[0], 1e-12);
    assertArrayEquals(new double[] {100 + 8, 100 + 16}, at80[1], 1e-12);
  }

  @Test
  void tooFewErrorsPerStepPoolTheStepsScaledBySqrtH() {
    // 10 errors a step: at 80% lo = floor(11 * 0.1) = 1 and hi = ceil(11 * 0.9) = 10 fit, at 95%
    // lo = floor(11 * 0.025) = 0 does not; pooled over 4 steps (40 errors / sqrt(h)), lo =
    // floor(41 * 0.025) = 1, hi = ceil(41 * 0.975) = 40: the pooled extremes
    double[] e = {-5, -4, -3, -2, -1, 1, 2, 3, 4, 5};
    double[] e4 = {-10, -8, -6, -4, -2, 2, 4, 6, 8, 12};
    ConformalIntervals c = ConformalIntervals.calibrate(List.of(e, e, e, e4), 0.8, 0.95);
    assertTrue(c.calibrated());
    double[][] at95 = c.interval(1, new double[] {0, 0, 0, 0}, 1, false);
    // the pooled extremes: -5 (steps 1 and 2: -5/1 and -5/sqrt2; step 4: -10/2) and 12/2 = 6
    assertArrayEquals(new double[] {-5, -5 * Math.sqrt(2), -5 * Math.sqrt(3), -10}, at95[0], 1e-12);
    assertArrayEquals(new double[] {6, 6 * Math.sqrt(2), 6 * Math.sqrt(3), 12}, at95[1], 1e-12);
    double[][] at80 = c.interval(0, new double[] {0, 0, 0, 0}, 1, false);
    assertArrayEquals(new double[] {-5, -5, -5, -10}, at80[0], 1e-12);
    assertArrayEquals(new double[] {5, 5, 5, 12}, at80[1], 1e-12);
  }

  @Test
  void fewErrorsAreMarkedUncalibratedAndLowerEndsStopAtZero() {
    ConformalIntervals c = ConformalIntervals.calibrate(List.of(new double[] {-3, 1, 2}), 0.95);
    assertFalse(c.calibrated());
    double[][] band = c.interval(0, new double[] {2}, 1, true);
    assertEquals(0, band[0][0]);
    assertEquals(4, band[1][0]);
  }
}
