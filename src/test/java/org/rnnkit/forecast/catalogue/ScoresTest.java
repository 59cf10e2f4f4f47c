package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoresTest {

  @Test
  void msisAndCoverageByHand() {
    // scale: in-sample naive MAE of 1, 3, 2, 4 = (2 + 1 + 2) / 3 = 5/3
    double[] train = {1, 3, 2, 4};
    double[] actual = {10, 20, 30};
    double[] lower = {8, 21, 25};
    double[] upper = {12, 25, 28};
    // widths 4 + 4 + 3 = 11; step 2 below by 1: 2/0.05 * 1 = 40; step 3 above by 2: 40 * 2 = 80
    double expected = (11 + 40 + 80) / 3.0 / (5.0 / 3);
    assertEquals(expected, Scores.msis(actual, lower, upper, 0.05, Scores.scale(train, 1)), 1e-12);
    assertEquals(1 / 3.0, Scores.coverage(actual, lower, upper), 1e-12);
    // seasonal scale, m = 2: (|2-1| + |4-3|) / 2 = 1
    assertEquals(1, Scores.scale(train, 2), 1e-12);
  }
}
