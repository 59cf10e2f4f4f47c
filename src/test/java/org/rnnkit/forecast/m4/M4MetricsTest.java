package org.rnnkit.forecast.m4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Frequency;

/** Every expected value below is worked out by hand in the comment above it. */
class M4MetricsTest {
  // naive in-sample errors |4-2|, |3-4|, |7-3| = 2, 1, 4: scale 7/3
  private static final double[] INSAMPLE = {2, 4, 3, 7};
  private static final double[] ACTUAL = {10, 20, 30};
  private static final double[] FORECAST = {8, 25, 30};

  @Test
  void scaleIsTheInSampleSeasonalNaiveError() {
    assertEquals(7.0 / 3, M4Metrics.scale(INSAMPLE, 1), 1e-15);
    // m = 2: |2-1|, |8-5|, |4-2| = 1, 3, 2 -> 6 / 3
    assertEquals(2.0, M4Metrics.scale(new double[] {1, 5, 2, 8, 4}, 2), 1e-15);
  }

  @Test
  void sMapeIsTwoHundredTimesTheAbsoluteErrorOverTheSumOfMagnitudes() {
    // 200*2/18 = 22.22, 200*5/45 = 22.22, 0: mean 400/27
    assertEquals(400.0 / 27, M4Metrics.sMape(ACTUAL, FORECAST), 1e-12);
    // the bound: a forecast of 0 against a positive actual scores 200
    assertEquals(200.0, M4Metrics.sMape(new double[] {5}, new double[] {0}), 0);
    // both 0: the forecast is exact
    assertEquals(0.0, M4Metrics.sMape(new double[] {0}, new double[] {0}), 0);
  }

  @Test
  void maseDividesTheMeanAbsoluteErrorByTheScale() {
    // errors 2, 5, 0: mean 7/3, scale 7/3
    assertEquals(1.0, M4Metrics.mase(INSAMPLE, ACTUAL, FORECAST, 1), 1e-15);
    // m = 2, scale 2: errors 1, 2 -> 1.5 / 2
    double[] seasonal = {1, 5, 2, 8, 4};
    assertEquals(
        0.75, M4Metrics.mase(seasonal, new double[] {3, 9}, new double[] {4, 7}, 2), 1e-15);
    var score = M4Metrics.score(INSAMPLE, ACTUAL, FORECAST, 1);
    assertEquals(400.0 / 27, score.sMape(), 1e-12);
    assertEquals(1.0, score.mase(), 1e-15);
  }

  @Test
  void msisAddsWidthAndPenaltiesOfTwoOverAlphaPerUnitOutside() {
    double[] lower = {9, 21, 25};
    double[] upper = {12, 30, 28};
    // step 1: width 3, 10 inside; step 2: width 9, 20 is 1 below 21: 2/0.05 * 1 = 40;
    // step 3: width 3, 30 is 2 above 28: 40 * 2 = 80. Sum 135, mean 45, / (7/3) = 135/7
    var s = M4Metrics.intervalScore(INSAMPLE, ACTUAL, lower, upper, 1, 0.05);
    assertEquals(135.0 / 7, s.msis(), 1e-12);
    assertEquals(1.0 / 3, s.coverage(), 1e-15);
    // an interval's ends belong to it: no penalty on them
    var ends =
        M4Metrics.intervalScore(
            INSAMPLE, new double[] {9, 12}, new double[] {9, 9}, new double[] {12, 12}, 1, 0.05);
    assertEquals(1.0, ends.coverage(), 0);
    // widths 3, 3: mean 3 / (7/3) = 9/7
    assertEquals(9.0 / 7, ends.msis(), 1e-12);
  }

  @Test
  void owaAveragesTheTwoRatiosToNaive2() {
    // (10/20 + 1.5/1.0) / 2 = 1.0; (8/10 + 0.9/1.2) / 2 = 0.775
    assertEquals(
        1.0, M4Metrics.owa(new M4Metrics.Score(10, 1.5), new M4Metrics.Score(20, 1.0)), 1e-15);
    assertEquals(
        0.775, M4Metrics.owa(new M4Metrics.Score(8, 0.9), new M4Metrics.Score(10, 1.2)), 1e-15);
    // Naive2 itself scores 1
    var naive2 = new M4Metrics.Score(9.161, 2.777);
    assertEquals(1.0, M4Metrics.owa(naive2, naive2), 1e-15);
    // a perfect Naive2 leaves the ratio undefined
    assertTrue(Double.isNaN(M4Metrics.owa(new M4Metrics.Score(1, 1), new M4Metrics.Score(0, 0))));
  }

  @Test
  void meansAreOverSeriesAndTheCompetitionOwaDividesTheMeans() {
    var a = new M4Metrics.Score(10, 1);
    var b = new M4Metrics.Score(20, 3);
    var mean = M4Metrics.mean(List.of(a, b));
    assertEquals(15.0, mean.sMape(), 0);
    assertEquals(2.0, mean.mase(), 0);
    // Naive2 scored (30, 2) and (10, 2): means (20, 2); OWA (15/20 + 2/2) / 2 = 0.875,
    // not the mean of the per-series OWAs ((1/3 + 1/2)/2 and (2 + 3/2)/2: mean 1.0833)
    var naive2 = M4Metrics.mean(List.of(new M4Metrics.Score(30, 2), new M4Metrics.Score(10, 2)));
    assertEquals(0.875, M4Metrics.owa(mean, naive2), 1e-15);
    var intervals =
        M4Metrics.meanIntervals(
            List.of(new M4Metrics.IntervalScore(20, 1), new M4Metrics.IntervalScore(10, 0.5)));
    assertEquals(15.0, intervals.msis(), 0);
    assertEquals(0.75, intervals.coverage(), 0);
  }

  @Test
  void aConstantHistoryLeavesMaseAndMsisUndefined() {
    double[] flat = {5, 5, 5};
    assertTrue(Double.isNaN(M4Metrics.mase(flat, new double[] {6}, new double[] {5}, 1)));
    var s =
        M4Metrics.intervalScore(
            flat, new double[] {6}, new double[] {4}, new double[] {7}, 1, 0.05);
    assertTrue(Double.isNaN(s.msis()));
    assertEquals(1.0, s.coverage(), 0);
  }

  @Test
  void theCompetitionsSeasonIsOneForWeeklyAndDailyData() {
    assertEquals(1, M4Metrics.competitionSeason(Frequency.YEARLY));
    assertEquals(4, M4Metrics.competitionSeason(Frequency.QUARTERLY));
    assertEquals(12, M4Metrics.competitionSeason(Frequency.MONTHLY));
    assertEquals(1, M4Metrics.competitionSeason(Frequency.WEEKLY));
    assertEquals(1, M4Metrics.competitionSeason(Frequency.DAILY));
    assertEquals(1, M4Metrics.competitionSeason(Frequency.UNDATED));
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    var lengths =
        assertThrows(
            IllegalArgumentException.class,
            () -> M4Metrics.sMape(new double[] {1, 2}, new double[] {1}));
    assertTrue(lengths.getMessage().contains("got 1 and 2"), lengths.getMessage());
    var shortHistory =
        assertThrows(
            IllegalArgumentException.class,
            () -> M4Metrics.mase(new double[] {1, 2}, new double[] {1}, new double[] {1}, 2));
    assertTrue(shortHistory.getMessage().contains("m = 2 and 2 values"), shortHistory.getMessage());
    var inverted =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                M4Metrics.intervalScore(
                    INSAMPLE, new double[] {1}, new double[] {2}, new double[] {1}, 1, 0.05));
    assertTrue(inverted.getMessage().contains("below its lower end"), inverted.getMessage());
    assertThrows(IllegalArgumentException.class, () -> M4Metrics.mean(List.of()));
  }
}
