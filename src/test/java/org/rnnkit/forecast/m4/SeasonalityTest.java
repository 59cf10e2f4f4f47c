package org.rnnkit.forecast.m4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The seasonality test and the classical decomposition, against values worked out by hand. */
class SeasonalityTest {
  private static final double[] CYCLES = {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4};

  @Test
  void lagFourOfThreeRepeatedCyclesIsSignificant() {
    // mean 2.5, deviations -1.5 -0.5 0.5 1.5 repeated, sum of squares 15:
    // r1 = (3 (0.75 - 0.25 + 0.75) - 2 x 2.25) / 15 = -0.05, r2 = -7.5/15 = -0.5,
    // r3 = (3 (-2.25) + 2 (0.75 - 0.25 + 0.75)) / 15 = -4.25/15, r4 = 10/15;
    // limit 1.645 sqrt((1 + 2 (0.0025 + 0.25 + 0.0802778)) / 12) = 0.61285 < 0.6667
    assertTrue(Seasonality.isSignificant(CYCLES, 4));
    // lag 2's r2 = -0.5, limit 1.645 sqrt((1 + 2 x 0.0025) / 12) = 0.4761: significant too
    assertTrue(Seasonality.isSignificant(CYCLES, 2));
    // lag 3's |r3| = 0.2833 against 1.645 sqrt((1 + 2 (0.0025 + 0.25)) / 12) = 0.5828: not
    assertFalse(Seasonality.isSignificant(CYCLES, 3));
  }

  @Test
  void fewerThanThreeSeasonsOrSeasonOneAreNeverSeasonal() {
    assertFalse(Seasonality.isSignificant(java.util.Arrays.copyOf(CYCLES, 11), 4));
    assertFalse(Seasonality.isSignificant(CYCLES, 1));
  }

  @Test
  void aSeasonLongerThanRsDefaultLagsIsNeverFound() {
    // a pure 24-step cycle: 100 values give floor(10 log10 100) = 20 lags, fewer than 24;
    // 260 values give 24
    assertEquals(20, Seasonality.defaultLags(100));
    assertEquals(24, Seasonality.defaultLags(260));
    assertFalse(Seasonality.isSignificant(cycle(100, 24), 24));
    assertTrue(Seasonality.isSignificant(cycle(260, 24), 24));
  }

  @Test
  void oddSeasonDecompositionByHand() {
    // m = 3, y = 2 4 6 3 6 9: moving averages at t = 1..4: 4, 13/3, 5, 6;
    // ratios y/T: t1 (position 1) 1, t2 (2) 18/13, t3 (0) 0.6, t4 (1) 1;
    // S = 0.6, 1, 18/13, mean 194/195: indices 117/194, 195/194, 270/194
    double[] s = ClassicalDecomposition.multiplicativeIndices(new double[] {2, 4, 6, 3, 6, 9}, 3);
    assertArrayEquals(new double[] {117.0 / 194, 195.0 / 194, 270.0 / 194}, s, 1e-15);
  }

  @Test
  void evenSeasonDecompositionUsesTheTwoByMAverage() {
    // m = 2, y = 1 3 2 6: T1 = (1/2 + 3 + 2/2) / 2 = 2.25, T2 = (3/2 + 2 + 6/2) / 2 = 3.25;
    // ratios: position 1: 3/2.25 = 4/3, position 0: 2/3.25 = 8/13; mean 38/39:
    // indices (8/13)(39/38) = 12/19, (4/3)(39/38) = 26/19
    double[] s = ClassicalDecomposition.multiplicativeIndices(new double[] {1, 3, 2, 6}, 2);
    assertArrayEquals(new double[] {12.0 / 19, 26.0 / 19}, s, 1e-15);
    // a repeated cycle: every moving average 2.5, indices y / 2.5
    assertArrayEquals(
        new double[] {0.4, 0.8, 1.2, 1.6},
        ClassicalDecomposition.multiplicativeIndices(CYCLES, 4),
        1e-15);
  }

  private static double[] cycle(int n, int m) {
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 10 + Math.sin(2 * Math.PI * t / m);
    }
    return y;
  }
}
