package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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

  @Test
  void seriesScoresArePooledPerStep() {
    // two series, two steps: step 1 pools {-1, 3} and {2}, step 2 {-2, 6} and {4}; with 3 scores
    // at 50% lo = floor(4 * 0.25) = 1 and hi = ceil(4 * 0.75) = 3: the extremes of each step
    double[][] a = {{-1, 3}, {-2, 6}};
    double[][] b = {{2}, {4}};
    ConformalIntervals c = ConformalIntervals.calibrateSeries(List.of(a, b), 0.5);
    assertEquals(3, c.errorsPerStep());
    double[][] band = c.interval(0, new double[] {10, 10}, 2, false);
    assertArrayEquals(new double[] {10 - 2, 10 - 4}, band[0], 0);
    assertArrayEquals(new double[] {10 + 6, 10 + 12}, band[1], 0);
    var ragged =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConformalIntervals.calibrateSeries(List.of(a, new double[][] {{1}}), 0.5));
    assertTrue(ragged.getMessage().contains("scores of 2 steps, got 1"), ragged.getMessage());
  }

  /**
   * Gaussian random walks whose step deviation differs per series (0.1 to 10, log-uniform),
   * forecast by their last value: the error at step h is N(0, h sd^2). Normalised scores ({@link
   * NormalisedScore}) of 3 backtest origins of 300 series calibrate the intervals at the next
   * origin; 20 draws. Conformal coverage is at least the level in expectation and exceeds it by
   * little: the draws' mean is held to within 0.015 of the level, and the calm and the loud half of
   * the catalogue each to within 0.03 (one scale shared by all series would cover the loud half too
   * little and the calm half too much).
   */
  @Test
  void coversGaussianRandomWalksAtTheNominalRateInCalmAndLoudSeriesAlike() {
    int series = 300;
    int h = 4;
    int draws = 20;
    int[] origins = {60 - 2 * h, 60 - 3 * h, 60 - 4 * h};
    double[][] covered = new double[2][3];
    Random rng = new Random(20261130);
    for (int d = 0; d < draws; d++) {
      List<double[]> walks = new ArrayList<>();
      double[] sd = new double[series];
      List<double[][]> scores = new ArrayList<>();
      for (int i = 0; i < series; i++) {
        sd[i] = Math.pow(10, -1 + 2 * rng.nextDouble());
        double[] y = new double[60];
        for (int t = 1; t < y.length; t++) {
          y[t] = y[t - 1] + sd[i] * rng.nextGaussian();
        }
        walks.add(y);
        scores.add(NormalisedScore.scores(y, origins, naive(y, origins, h), 1));
      }
      ConformalIntervals c = ConformalIntervals.calibrateSeries(scores, 0.8, 0.95);
      double median = Arrays.stream(sd).sorted().toArray()[series / 2];
      for (int i = 0; i < series; i++) {
        double[] y = walks.get(i);
        int origin = y.length - h;
        double s = NormalisedScore.scale(y, origin, h, origins, naive(y, origins, h), 1);
        double[] f = naive(y, new int[] {origin}, h)[0];
        for (int j = 0; j < 2; j++) {
          double[][] band = c.interval(j, f, s, false);
          for (int k = 0; k < h; k++) {
            double inside = band[0][k] <= y[origin + k] && y[origin + k] <= band[1][k] ? 1 : 0;
            double share = inside / ((double) draws * series * h);
            covered[j][0] += share;
            covered[j][sd[i] < median ? 1 : 2] += 2 * share;
          }
        }
      }
    }
    double[] levels = {0.8, 0.95};
    for (int j = 0; j < 2; j++) {
      assertEquals(levels[j], covered[j][0], 0.015, "coverage at " + levels[j]);
      assertEquals(levels[j], covered[j][1], 0.03, "calm half at " + levels[j]);
      assertEquals(levels[j], covered[j][2], 0.03, "loud half at " + levels[j]);
    }
  }

  /** The naive forecasts (the last value, h times) at each origin. */
  static double[][] naive(double[] y, int[] origins, int h) {
    double[][] f = new double[origins.length][h];
    for (int j = 0; j < origins.length; j++) {
      Arrays.fill(f[j], y[origins[j] - 1]);
    }
    return f;
  }

  @Test
  void aHigherLevelsIntervalContainsALowerLevels() {
    // 6 steps of 18 errors: enough for 80% per step (ranks 1 and 18), not for 95%, which pools the
    // 108 errors / sqrt(h) and takes ranks 2 and 107: -8 and 8 (step 1's), narrower at step 1
    // than 80%'s own extremes -9 and 9
    List<double[]> errors = new ArrayList<>();
    double[] wide = new double[18];
    double[] narrow = new double[18];
    for (int i = 0; i < 9; i++) {
      wide[i] = -(i + 1);
      wide[17 - i] = i + 1;
      narrow[i] = -0.1 * (i + 1);
      narrow[17 - i] = 0.1 * (i + 1);
    }
    errors.add(wide);
    for (int h = 2; h <= 6; h++) {
      errors.add(narrow);
    }
    ConformalIntervals c = ConformalIntervals.calibrate(errors, 0.8, 0.95);
    double[] zero = new double[6];
    double[][] eighty = c.interval(0, zero, 1, false);
    double[][] ninetyFive = c.interval(1, zero, 1, false);
    assertEquals(-9, eighty[0][0], 1e-12);
    assertEquals(9, eighty[1][0], 1e-12);
    assertEquals(-9, ninetyFive[0][0], 1e-12, "widened to the 80% interval");
    assertEquals(9, ninetyFive[1][0], 1e-12, "widened to the 80% interval");
    for (int h = 2; h <= 6; h++) {
      assertEquals(-0.9, eighty[0][h - 1], 1e-12);
      assertEquals(-8 * Math.sqrt(h), ninetyFive[0][h - 1], 1e-12, "the pool's, already wider");
      assertEquals(8 * Math.sqrt(h), ninetyFive[1][h - 1], 1e-12);
    }
  }
}
