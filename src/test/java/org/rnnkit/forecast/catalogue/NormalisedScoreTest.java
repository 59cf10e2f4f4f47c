package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalisedScoreTest {
  /** 10 12 11 13 12 14 13 15 14: absolute differences 2 1 2 1 2 1 2 1. */
  private static final double[] ZIGZAG = {10, 12, 11, 13, 12, 14, 13, 15, 14};

  private static final int[] ORIGINS = {5, 6, 7};

  @Test
  void scoresScalesAndIntervalsByHandOnATinyCase() {
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
    double[][][] forecasts = {
      {{13}, {13}, {13}}, {{14}, {14}, {14}}, {{15}, {12}, {15}},
    };
    double r = Math.sqrt(0.75);
    double[][][] expected = {
      {{1 / Math.sqrt(1.5), 0, 2 / r}}, {{0, -1 / r, 1 / r}}, {{-1 / r, 1 / r, 0}},
    };
    List<double[][]> scores = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      double[][] s = NormalisedScore.scores(ZIGZAG, ORIGINS, forecasts[i], 1);
      assertArrayEquals(expected[i][0], s[0], 1e-12, "series " + i);
      scores.add(s);
    }
    ConformalIntervals c = ConformalIntervals.calibrateSeries(scores, 0.5);
    assertTrue(c.calibrated());
    assertEquals(9, c.errorsPerStep());
    double q = 2 / Math.sqrt(3);
    // after the training part (origin 8) a uses all three backcasts: series 0 a = 1, s = sqrt(1.5):
    // 14 +- q sqrt(1.5) = 14 +- sqrt(2); series 1 a = 2/3, s = 1: 14 +- q
    double s0 = NormalisedScore.scale(ZIGZAG, 8, 1, ORIGINS, forecasts[0], 1);
    assertEquals(Math.sqrt(1.5), s0, 1e-15);
    double[][] zero = c.interval(0, new double[] {14}, s0, false);
    assertArrayEquals(new double[] {14 - Math.sqrt(2)}, zero[0], 1e-12);
    assertArrayEquals(new double[] {14 + Math.sqrt(2)}, zero[1], 1e-12);
    assertEquals(1, NormalisedScore.scale(ZIGZAG, 8, 1, ORIGINS, forecasts[1], 1), 1e-15);
    // with fewer than two backtest forecasts, the recent volatility alone
    assertEquals(
        1.5, NormalisedScore.scale(ZIGZAG, 8, 1, new int[] {7}, new double[][] {{13}}, 1), 1e-15);
    assertEquals(1.5, NormalisedScore.scale(ZIGZAG, 8, 1, new int[0], new double[0][], 1), 1e-15);
  }

  @Test
  void aScaledCopyHasTheSameScoresAndAScaledScale() {
    // y -> c y with its forecasts: errors, recent volatility and own error all scale by c, so the
    // scores do not change and s, and with it the interval's width, scales by c
    double c = 1000;
    double[][] f = {{13}, {12}, {15}};
    double[] scaled = new double[ZIGZAG.length];
    for (int t = 0; t < ZIGZAG.length; t++) {
      scaled[t] = c * ZIGZAG[t];
    }
    double[][] fc = {{c * 13}, {c * 12}, {c * 15}};
    assertArrayEquals(
        NormalisedScore.scores(ZIGZAG, ORIGINS, f, 1)[0],
        NormalisedScore.scores(scaled, ORIGINS, fc, 1)[0],
        1e-12);
    assertEquals(
        c * NormalisedScore.scale(ZIGZAG, 8, 1, ORIGINS, f, 1),
        NormalisedScore.scale(scaled, 8, 1, ORIGINS, fc, 1),
        1e-9);
  }

  @Test
  void theRecentScaleReadsTheLastFourHorizonsOnlyAndFallsBackOnTheWholeHistory() {
    // H = 1, m = 1, origin 9: the last four differences |14-15|, |15-13|, |13-14|, |14-12| = 1 2 1
    // 2
    assertEquals(1.5, NormalisedScore.recentScale(ZIGZAG, 9, 1, 1), 1e-15);
    // m = 2, origin 9, H = 1: |y[t] - y[t-2]| for t = 5..8: 1 1 1 1
    assertEquals(1.0, NormalisedScore.recentScale(ZIGZAG, 9, 1, 2), 1e-15);
    // a trend for 3 steps, then 8 still ones: the window of the last 4 is flat, so the whole
    // history's mean |difference| (2 + 2 + 2) / 10 = 0.6
    double[] stopped = {0, 2, 4, 6, 6, 6, 6, 6, 6, 6, 6};
    assertEquals(0.6, NormalisedScore.recentScale(stopped, 11, 1, 1), 1e-15);
    double[] flat = {4, 4, 4, 4};
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> NormalisedScore.recentScale(flat, 4, 1, 1));
    assertTrue(e.getMessage().contains("never change"), e.getMessage());
  }

  @Test
  void nothingAfterTheBacktestWindowsOrTheIntervalsOriginIsRead() {
    Random rng = new Random(5);
    int h = 3;
    double[] y = new double[30];
    for (int t = 1; t < y.length; t++) {
      y[t] = y[t - 1] + (1 + t % 3) * rng.nextGaussian();
    }
    int[] origins = {30 - 2 * h, 30 - 3 * h};
    double[][] f = ConformalIntervalsTest.naive(y, origins, h);
    double[][] scores = NormalisedScore.scores(y, origins, f, 1);
    double scale = NormalisedScore.scale(y, 30 - h, h, origins, f, 1);
    // the test part, y[27..29], changes: neither the scores nor the interval's scale do
    double[] changed = y.clone();
    for (int t = 30 - h; t < 30; t++) {
      changed[t] = 1e6 * (t + 1);
    }
    double[][] after = NormalisedScore.scores(changed, origins, f, 1);
    for (int k = 0; k < h; k++) {
      assertArrayEquals(scores[k], after[k], 0);
    }
    assertEquals(scale, NormalisedScore.scale(changed, 30 - h, h, origins, f, 1), 0);
    // while a value inside the last backtest window moves both (this test can fail)
    double[] inside = y.clone();
    inside[30 - h - 1] += 100;
    assertTrue(NormalisedScore.scores(inside, origins, f, 1)[h - 1][0] != scores[h - 1][0]);
    assertTrue(NormalisedScore.scale(inside, 30 - h, h, origins, f, 1) != scale);
  }

  @Test
  void badBacktestsAreRefused() {
    var none =
        assertThrows(
            IllegalArgumentException.class,
            () -> NormalisedScore.scores(ZIGZAG, new int[0], new double[0][], 1));
    assertTrue(none.getMessage().contains("at least one"), none.getMessage());
    var beyond =
        assertThrows(
            IllegalArgumentException.class,
            () -> NormalisedScore.scores(ZIGZAG, new int[] {8}, new double[][] {{1, 2}}, 1));
    assertTrue(beyond.getMessage().contains("at origin 8 of 9 values"), beyond.getMessage());
    var ragged =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NormalisedScore.scores(ZIGZAG, new int[] {4, 5}, new double[][] {{1}, {1, 2}}, 1));
    assertTrue(ragged.getMessage().contains("like the first"), ragged.getMessage());
    var past =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NormalisedScore.scale(
                    ZIGZAG, 6, 1, new int[] {5, 6}, new double[][] {{1}, {1}}, 1));
    assertTrue(past.getMessage().contains("runs past the interval's origin 6"), past.getMessage());
  }
}
