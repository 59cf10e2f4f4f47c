package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.SyntheticSeries;
import org.rnnkit.data.TimeSeries;

/** Issue 15: a baseline whose fit fails is marked failed and takes nothing else down. */
class HoldoutEvaluationTest {
  private static final ForecastConfig TINY =
      ForecastConfig.builder().ensemble(1).epochs(3).hidden(4).build();

  /** A baseline whose optimizer gives up, as BOBYQA did inside Holt-Winters. */
  private static final Forecaster FAILING =
      new Forecaster() {
        @Override
        public String name() {
          return "holt_winters";
        }

        @Override
        public double[] forecast(double[] history, int horizon) {
          throw new org.apache.commons.math3.exception.MathIllegalStateException(
              org.apache.commons.math3.exception.util.LocalizedFormats.TRUST_REGION_STEP_FAILED,
              0.0);
        }
      };

  @Test
  void aFailingBaselineIsMarkedFailedAndTheRestStands() {
    TimeSeries y = SyntheticSeries.trendSeason(96, 1, 0.3, true, 1, 5);
    HoldoutEvaluation eval =
        HoldoutEvaluation.run(
            y,
            12,
            12,
            12,
            new RecurrentForecaster(TINY, 12, null),
            List.of(Baselines.naive(), FAILING, Baselines.seasonalNaive(12)));
    assertTrue(
        eval.failed().get("holt_winters").contains("trust region"), eval.failed().toString());
    assertFalse(eval.forecasts().containsKey("holt_winters"));
    assertFalse(eval.metrics().containsKey("holt_winters"));
    assertEquals(12, eval.fitted().point().length);
    assertTrue(eval.metrics().containsKey(eval.model()) && eval.metrics().containsKey("naive"));
    assertTrue(List.of("naive", "seasonal_naive").contains(eval.bestBaseline()));
  }

  /**
   * The hourly series that made the real Holt-Winters fit throw ({@link BaselinesTest#hourly}),
   * through the whole evaluation: every method stands.
   */
  @Test
  void theSeriesThatBrokeHoltWintersIsEvaluated() {
    double[] hours = BaselinesTest.hourly(2366);
    // the 960 values Holt-Winters failed on, then two more days to hold out
    double[] all = java.util.Arrays.copyOf(hours, hours.length + 48);
    System.arraycopy(hours, hours.length - 48, all, hours.length, 48);
    HoldoutEvaluation eval =
        HoldoutEvaluation.run(
            TimeSeries.of("hourly", all),
            24,
            48,
            48,
            new RecurrentForecaster(TINY.toBuilder().window(24).build(), 24, null));
    assertTrue(eval.failed().isEmpty(), eval.failed().toString());
    assertTrue(Double.isFinite(eval.metrics().get("holt_winters").get("MASE")));
  }
}
