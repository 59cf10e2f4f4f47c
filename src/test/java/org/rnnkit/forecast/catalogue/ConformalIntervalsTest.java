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
import org.rnnkit.forecast.catalogue.ConformalIntervals.Backcast;

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

  /** 10 12 11 13 12 14 13 15 14: absolute differences 2 1 2 1 2 1 2 1. */
  private static final double[] ZIGZAG = {10, 12, 11, 13, 12, 14, 13, 15, 14};

  @Test
  void normalisedScoresByHandOnATinyCase() {
    // m = 1, H = 1, L = 4: the recent scale at origins 5, 6, 7 and 8 is the mean of four
    // alternating |differences| 2 1 2 1 = 1.5. Three series share the values (ZIGZAG[5..7] = 14,
    // 13,
    // 15) but not their forecasts, so their errors and own scales differ:
    //   series 0 forecasts 13 13 13: errors  1  0  2
    //   series 1 forecasts 14 14 14: errors  0 -1  1
    //   series 2 forecasts 15 12 15: errors -1  1  0
    // Each score divides by sqrt(1.5 a), a the mean |error| of the series' two other backcasts:
    //   series 0: 1 / sqrt(1.5 * 1) = 0.8165, 0 / sqrt(1.5 * 1.5) = 0, 2 / sqrt(1.5 * 0.5) = 2.3094
    //   series 1: 0, -1 / sqrt(0.75) = -1.1547, 1 / sqrt(0.75) = 1.1547
    //   series 2: -1 / sqrt(0.75) = -1.1547, 1 / sqrt(0.75) = 1.1547, 0
    // sorted: -1.1547 -1.1547 0 0 0 0.8165 1.1547 1.1547 2.3094. At 50%, n = 9: lo = floor(10 *
    // 0.25) = 2 and hi = ceil(10 * 0.75) = 8: -2/sqrt(3) and 2/sqrt(3).
    double[][] forecasts = {{13, 13, 13}, {14, 14, 14}, {15, 12, 15}};
    List<Backcast> backcasts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        backcasts.add(new Backcast(i, ZIGZAG, 5 + k, new double[] {forecasts[i][k]}));
      }
    }
    ConformalIntervals c = ConformalIntervals.calibrateNormalised(backcasts, 1, 0.5);
    assertTrue(c.calibrated());
    assertEquals(9, c.errorsPerStep());
    double q = 2 / Math.sqrt(3);
    // after the training part (origin 8) a uses all three backcasts: series 0 a = 1, s = sqrt(1.5):
    // 14 +- q sqrt(1.5) = 14 +- sqrt(2); series 1 a = 2/3, s = 1: 14 +- q
    double[][] zero = c.interval(0, 0, ZIGZAG, 8, new double[] {14});
    assertArrayEquals(new double[] {14 - Math.sqrt(2)}, zero[0], 1e-12);
    assertArrayEquals(new double[] {14 + Math.sqrt(2)}, zero[1], 1e-12);
    double[][] one = c.interval(0, 1, ZIGZAG, 8, new double[] {14});
    assertArrayEquals(new double[] {14 - q}, one[0], 1e-12);
    assertArrayEquals(new double[] {14 + q}, one[1], 1e-12);
    // a series without backtest forecasts of its own is scaled by its recent volatility alone
    double[][] other = c.interval(0, 7, ZIGZAG, 8, new double[] {14});
    assertArrayEquals(new double[] {14 + q * 1.5}, other[1], 1e-12);
  }

  @Test
  void theRecentScaleReadsTheLastFourHorizonsOnlyAndFallsBackOnTheWholeHistory() {
    // H = 1, m = 1, origin 9: the last four differences |14-15|, |15-13|, |13-14|, |14-12| = 1 2 1
    // 2
    assertEquals(1.5, ConformalIntervals.recentScale(ZIGZAG, 9, 1, 1), 1e-15);
    // H = 2: eight differences, t = 1..8: 2 1 2 1 2 1 2 1
    assertEquals(1.5, ConformalIntervals.recentScale(ZIGZAG, 9, 2, 1), 1e-15);
    // a history that changed early and then stood still: the whole history's scale, 4/7
    double[] stopped = {0, 2, 4, 4, 4, 4, 4, 4};
    assertEquals(4.0 / 7, ConformalIntervals.recentScale(stopped, 8, 1, 1), 1e-15);
    double[] flat = {4, 4, 4, 4};
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> ConformalIntervals.recentScale(flat, 4, 1, 1));
    assertTrue(e.getMessage().contains("never change"), e.getMessage());
  }

  /**
   * Gaussian random walks whose step deviation differs per series (0.1 to 10, log-uniform),
   * forecast by their last value: the error at step h is N(0, h sd^2). Calibrated on 3 origins of
   * 300 series and scored at the next origin, 20 draws. Conformal coverage is at least the level in
   * expectation and exceeds it by little; the draws' mean is held to within 0.015 of the level, and
   * the calm and the loud half of the catalogue each to within 0.03 (a scale shared by all series
   * would cover the loud half too little and the calm half too much).
   */
  @Test
  void coversGaussianRandomWalksAtTheNominalRateInCalmAndLoudSeriesAlike() {
    int series = 300;
    int h = 4;
    int draws = 20;
    double[][] covered = new double[2][3];
    Random rng = new Random(20261130);
    for (int d = 0; d < draws; d++) {
      List<double[]> walks = new ArrayList<>();
      double[] sd = new double[series];
      List<Backcast> backcasts = new ArrayList<>();
      for (int i = 0; i < series; i++) {
        sd[i] = Math.pow(10, -1 + 2 * rng.nextDouble());
        double[] y = new double[60];
        for (int t = 1; t < y.length; t++) {
          y[t] = y[t - 1] + sd[i] * rng.nextGaussian();
        }
        walks.add(y);
        for (int k = 1; k <= 3; k++) {
          int origin = y.length - h - k * h;
          backcasts.add(new Backcast(i, y, origin, naive(y, origin, h)));
        }
      }
      ConformalIntervals c = ConformalIntervals.calibrateNormalised(backcasts, 1, 0.8, 0.95);
      double median = Arrays.stream(sd).sorted().toArray()[series / 2];
      for (int i = 0; i < series; i++) {
        double[] y = walks.get(i);
        int origin = y.length - h;
        for (int j = 0; j < 2; j++) {
          double[][] band = c.interval(j, i, y, origin, naive(y, origin, h));
          for (int s = 0; s < h; s++) {
            double inside = band[0][s] <= y[origin + s] && y[origin + s] <= band[1][s] ? 1 : 0;
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

  private static double[] naive(double[] y, int origin, int h) {
    double[] f = new double[h];
    Arrays.fill(f, y[origin - 1]);
    return f;
  }

  @Test
  void neitherCalibrationNorIntervalsReadValuesAfterTheirWindows() {
    Random rng = new Random(5);
    int h = 3;
    List<double[]> walks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double[] y = new double[30];
      for (int t = 1; t < y.length; t++) {
        y[t] = 50 + y[t - 1] + (1 + i % 5) * rng.nextGaussian();
      }
      walks.add(y);
    }
    double[][] before = bands(walks, h);
    // the test part (the last h values) and nothing else changes: the same intervals
    List<double[]> changed = new ArrayList<>();
    for (double[] y : walks) {
      double[] z = y.clone();
      for (int t = z.length - h; t < z.length; t++) {
        z[t] = 1e6 * (t + 1);
      }
      changed.add(z);
    }
    double[][] after = bands(changed, h);
    for (int i = 0; i < before.length; i++) {
      assertArrayEquals(before[i], after[i], 0);
    }
    // while a change inside a backtest window does change them (this test can fail)
    List<double[]> inside = new ArrayList<>(walks);
    double[] z = walks.get(0).clone();
    z[z.length - h - 1] += 100;
    inside.set(0, z);
    assertTrue(bands(inside, h)[0][0] != before[0][0]);
  }

  /**
   * The 95% interval ends of every series after backcasts at the two origins before its test part.
   */
  private static double[][] bands(List<double[]> walks, int h) {
    List<Backcast> backcasts = new ArrayList<>();
    for (int i = 0; i < walks.size(); i++) {
      double[] y = walks.get(i);
      for (int k = 1; k <= 2; k++) {
        int origin = y.length - h - k * h;
        backcasts.add(new Backcast(i, y, origin, naive(y, origin, h)));
      }
    }
    ConformalIntervals c = ConformalIntervals.calibrateNormalised(backcasts, 1, 0.95);
    double[][] out = new double[walks.size()][];
    for (int i = 0; i < walks.size(); i++) {
      double[] y = walks.get(i);
      double[][] band = c.interval(0, i, y, y.length - h, naive(y, y.length - h, h));
      out[i] = new double[2 * h];
      System.arraycopy(band[0], 0, out[i], 0, h);
      System.arraycopy(band[1], 0, out[i], h, h);
    }
    return out;
  }

  @Test
  void badBackcastsAreRefused() {
    var none =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConformalIntervals.calibrateNormalised(List.of(), 1, 0.9));
    assertTrue(none.getMessage().contains("at least one backtest forecast"), none.getMessage());
    var beyond =
        assertThrows(
            IllegalArgumentException.class, () -> new Backcast(0, ZIGZAG, 8, new double[] {1, 2}));
    assertTrue(beyond.getMessage().contains("origin 8 of 9 values"), beyond.getMessage());
    var lengths =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ConformalIntervals.calibrateNormalised(
                    List.of(
                        new Backcast(0, ZIGZAG, 5, new double[] {1}),
                        new Backcast(1, ZIGZAG, 5, new double[] {1, 2})),
                    1,
                    0.9));
    assertTrue(lengths.getMessage().contains("same number of steps"), lengths.getMessage());
    var plain = ConformalIntervals.calibrate(List.of(new double[] {-1, 1}), 0.5);
    assertThrows(
        IllegalStateException.class, () -> plain.interval(0, 0, ZIGZAG, 5, new double[] {1}));
  }
}
