package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BaselinesTest {
  private static final double[] Y = {1, 2, 3, 4, 5, 6, 7, 9};

  @Test
  void naiveRepeatsTheLastValue() {
    assertArrayEquals(new double[] {9, 9, 9}, Baselines.naive().forecast(Y, 3), 0);
  }

  @Test
  void seasonalNaiveRepeatsTheLastSeason() {
    assertArrayEquals(new double[] {6, 7, 9, 6, 7}, Baselines.seasonalNaive(3).forecast(Y, 5), 0);
  }

  @Test
  void driftExtendsTheLineFromFirstToLast() {
    // slope (9 - 1) / 7
    double s = 8.0 / 7;
    assertArrayEquals(new double[] {9 + s, 9 + 2 * s}, Baselines.drift().forecast(Y, 2), 1e-12);
  }

  @Test
  void holtWintersContinuesAnExactLinearTrend() {
    double[] line = new double[30];
    for (int t = 0; t < line.length; t++) {
      line[t] = 5 + 2 * t;
    }
    double[] f = new HoltWinters(1).forecast(line, 4);
    for (int h = 1; h <= 4; h++) {
      assertEquals(5 + 2 * (29 + h), f[h - 1], 1e-6);
    }
  }

  @Test
  void holtWintersRecoversAMultiplicativeSeasonWithTrend() {
    int m = 4;
    double[] factors = {0.8, 1.1, 1.3, 0.8};
    double[] y = new double[48];
    for (int t = 0; t < y.length; t++) {
      y[t] = (100 + 3 * t) * factors[t % m];
    }
    double[] f = new HoltWinters(m).forecast(y, 8);
    for (int h = 1; h <= 8; h++) {
      int t = y.length - 1 + h;
      double truth = (100 + 3 * t) * factors[t % m];
      assertEquals(truth, f[h - 1], 0.02 * truth, "h=" + h);
    }
  }
}
