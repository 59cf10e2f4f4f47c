package org.rnnkit.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.SyntheticSeries;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.HoldoutEvaluation;
import org.rnnkit.forecast.RecurrentForecaster;

/** Issue 15: the forecast chart must tell the truth about what it shows. */
class ForecastChartTest {
  private static final ForecastConfig TINY =
      ForecastConfig.builder().ensemble(1).epochs(3).hidden(4).build();

  /** An undated AR(2) series of 300 values: no season, though season 12 is asked for. */
  private static final TimeSeries NOISE =
      SyntheticSeries.autoregressive(300, new double[] {0.5, -0.3}, 1, 4);

  private static HoldoutEvaluation evaluate(TimeSeries series, int season, int holdout) {
    return HoldoutEvaluation.run(
        series, season, holdout, 12, new RecurrentForecaster(TINY, season, null));
  }

  private static Paint paintOf(JFreeChart chart, String keyPart) {
    XYPlot plot = chart.getXYPlot();
    for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
      if (plot.getDataset().getSeriesKey(i).toString().contains(keyPart)) {
        return plot.getRenderer().getSeriesPaint(i);
      }
    }
    return null;
  }

  private static boolean draws(JFreeChart chart, String key) {
    var data = chart.getXYPlot().getDataset();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      if (data.getSeriesKey(i).toString().equals(key)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyRoleKeepsItsColourWithAndWithoutAHoldout() {
    TimeSeries seasonal = SyntheticSeries.trendSeason(96, 1, 0.3, true, 1, 5);
    JFreeChart held = ForecastChart.create(evaluate(seasonal, 12, 12), "value", 48);
    JFreeChart ahead = ForecastChart.create(evaluate(seasonal, 12, 0), "value", 48);
    for (JFreeChart chart : new JFreeChart[] {held, ahead}) {
      assertEquals(ChartStyle.Role.NETWORK.color(), paintOf(chart, "forecast"));
      assertEquals(ChartStyle.Role.HOLT_WINTERS.color(), paintOf(chart, "holt winters"));
      assertEquals(ChartStyle.Role.NAIVE.color(), paintOf(chart, "naive"));
      assertEquals(ChartStyle.Role.HISTORY.color(), paintOf(chart, "history"));
    }
    assertEquals(ChartStyle.Role.ACTUAL.color(), paintOf(held, "actual"));
  }

  @Test
  void theTitleNamesTheBestBaselineAndWhetherTheModelBeatIt() {
    HoldoutEvaluation eval = evaluate(NOISE, 12, 12);
    String title = ForecastChart.create(eval, "value", 48).getTitle().getText();
    String best = eval.bestBaseline();
    assertTrue(title.contains("best baseline, " + best.replace('_', ' ')), title);
    assertTrue(title.contains(eval.beatsBestBaseline() ? " beats " : " does not beat "), title);
    for (String method : eval.metrics().keySet()) {
      assertTrue(eval.score(best) <= eval.score(method) || method.equals(eval.model()), method);
    }
  }

  @Test
  void noSeasonalNaiveOnASeriesWithoutSeasonAndTheAxisSpansWhatIsDrawn() {
    HoldoutEvaluation eval = evaluate(NOISE, 12, 12);
    assertFalse(eval.seasonal());
    JFreeChart chart = ForecastChart.create(eval, "value", 48);
    assertEquals(
        "seasonal_naive".equals(eval.bestBaseline()), draws(chart, "seasonal naive"), "drawn");
    assertTrue(draws(chart, "naive"));
    // 48 of the 288 training values are drawn: observations 241 .. 300
    double lower = chart.getXYPlot().getDomainAxis().getLowerBound();
    assertTrue(lower > 230 && lower <= 241, "x axis starts at " + lower);

    TimeSeries seasonal = SyntheticSeries.trendSeason(96, 1, 0.3, true, 1, 5);
    HoldoutEvaluation withSeason = evaluate(seasonal, 12, 12);
    assertTrue(withSeason.seasonal());
    assertTrue(draws(ForecastChart.create(withSeason, "value", 48), "seasonal naive"));
  }

  /**
   * An hourly series is drawn hour by hour on a time axis read in UTC, where its wall-clock times
   * are placed: the points are one hour apart and the labels show the times as written.
   */
  @Test
  void anHourlySeriesIsDrawnAnHourApartOnAUtcTimeAxis() {
    java.util.List<java.time.LocalDateTime> times = new java.util.ArrayList<>();
    double[] y = new double[120];
    for (int i = 0; i < y.length; i++) {
      times.add(java.time.LocalDateTime.of(2024, 1, 30, 0, 0).plusHours(i));
      y[i] = 10 + Math.sin(2 * Math.PI * i / 24) + 0.01 * i;
    }
    TimeSeries hourly = new TimeSeries("load", times, y, org.rnnkit.data.Frequency.HOURLY);
    JFreeChart chart = ForecastChart.create(evaluate(hourly, 24, 24), "kW", 48);
    var axis = (org.jfree.chart.axis.DateAxis) chart.getXYPlot().getDomainAxis();
    assertEquals("time", axis.getLabel());
    assertEquals("UTC", axis.getTimeZone().getID());
    var history = chart.getXYPlot().getDataset();
    // the last 48 training hours: 2024-02-01 00:00 .. 2024-02-02 23:00
    long first =
        java.time.LocalDateTime.of(2024, 2, 1, 0, 0)
            .toInstant(java.time.ZoneOffset.UTC)
            .toEpochMilli();
    assertEquals(first, history.getXValue(0, 0), 0);
    assertEquals(first + 3_600_000, history.getXValue(0, 1), 0);
  }
}
