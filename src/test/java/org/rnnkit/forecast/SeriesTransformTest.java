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
    assertTrue(t.logs() && t.deseasonalizes());
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
