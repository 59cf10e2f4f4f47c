package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.SyntheticSeries;

class SeriesTransformTest {

  @Test
  void invertUndoesApplyIncludingPastTheEnd() {
    double[] y = SyntheticSeries.trendSeason(60, 1, 0.2, true, 0.5, 1).values();
    var t = SeriesTransform.fit(y, 12, SeriesTransform.Power.AUTO, true);
    assertTrue(t.hasPowerTransform() && t.deseasonalizes());
    for (int i = 0; i < 80; i++) {
      double v = 50 + i;
      assertEquals(v, t.invert(t.apply(v, i), i), 1e-10);
    }
  }

  @Test
  void seasonalIndicesSumToZeroAndFollowTheSeason() {
    double[] y = SyntheticSeries.trendSeason(120, 0.5, 10, false, 0, 2).values();
    var t = SeriesTransform.fit(y, 12, SeriesTransform.Power.NONE, true);
    assertEquals(0, Arrays.stream(t.indices()).sum(), 1e-9);
    // a linear trend cancels in the centred moving average, leaving the season exactly
    for (int i = 0; i < 12; i++) {
      double season = 10 * (Math.sin(2 * Math.PI * i / 12) + 0.5 * Math.cos(4 * Math.PI * i / 12));
      assertEquals(season, t.indices()[i], 1e-9, "month " + i);
    }
  }

  @Test
  void seasonalityTestSeparatesSeasonFromPersistence() {
    assertTrue(SeriesTransform.isSeasonal(SyntheticSeries.noisySine(120, 12, 0.3, 3).values(), 12));
    double[] persistent = SyntheticSeries.autoregressive(300, new double[] {0.97}, 1, 4).values();
    assertFalse(SeriesTransform.isSeasonal(persistent, 12));
  }

  @Test
  void guerreroPicksLogForMultiplicativeAndNoneForAdditiveSeries() {
    double[] multiplicative = SyntheticSeries.trendSeason(144, 3, 0.3, true, 0, 1).values();
    double[] additive = SyntheticSeries.trendSeason(144, 3, 20, false, 0, 1).values();
    // spread grows with the level: lambda near 0 (log); constant spread: lambda near 1 (none)
    assertEquals(0, SeriesTransform.guerrero(multiplicative, 12), 0.15);
    assertEquals(1, SeriesTransform.guerrero(additive, 12), 0.15);
    var t = SeriesTransform.fit(multiplicative, 12, SeriesTransform.Power.BOX_COX, true);
    for (int i = 0; i < 150; i++) {
      assertEquals(multiplicative[i % 144], t.invert(t.apply(multiplicative[i % 144], i), i), 1e-9);
    }
  }

  @Test
  void logOfNonPositiveSeriesIsRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SeriesTransform.fit(
                    new double[] {1, 0, 2, 3}, 1, SeriesTransform.Power.LOG, false));
    assertTrue(e.getMessage().contains("strictly positive"), e.getMessage());
  }
}
