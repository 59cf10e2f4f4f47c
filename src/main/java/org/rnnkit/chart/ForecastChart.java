package org.rnnkit.chart;

import java.awt.Color;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rnnkit.forecast.HoldoutEvaluation;

/**
 * The forecast picture: the recent history, the held-out actual values, the model's forecast with
 * its prediction interval as a band, and every baseline's forecast as a dashed line, on a dated x
 * axis (numbered observations for an undated series).
 */
public final class ForecastChart {
  private ForecastChart() {}

  /**
   * @param eval Not modified.
   * @param valueLabel the y-axis label, e.g. "passengers (thousands)"
   * @param historyShown how many of the most recent training values to draw
   */
  public static JFreeChart create(HoldoutEvaluation eval, String valueLabel, int historyShown) {
    var series = eval.series();
    double[] values = series.values();
    int train = eval.trainSize();
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    YIntervalSeries history = new YIntervalSeries("history");
    for (int i = Math.max(0, train - historyShown); i < train; i++) {
      history.add(x(eval, i), values[i], values[i], values[i]);
    }
    data.addSeries(history);
    if (eval.holdout() > 0) {
      YIntervalSeries actual = new YIntervalSeries("actual (held out)");
      for (int i = train - 1; i < Math.min(values.length, train + eval.horizon()); i++) {
        actual.add(x(eval, i), values[i], values[i], values[i]);
      }
      data.addSeries(actual);
    }
    var fitted = eval.fitted();
    YIntervalSeries model =
        new YIntervalSeries(
            "%s forecast, %d%% interval"
                .formatted(eval.model(), Math.round(100 * eval.intervalLevel())));
    model.add(x(eval, train - 1), values[train - 1], values[train - 1], values[train - 1]);
    for (int h = 0; h < eval.horizon(); h++) {
      model.add(x(eval, train + h), fitted.point()[h], fitted.lower()[h], fitted.upper()[h]);
    }
    data.addSeries(model);
    for (Map.Entry<String, double[]> e : eval.forecasts().entrySet()) {
      if (e.getKey().equals(eval.model())) {
        continue;
      }
      YIntervalSeries baseline = new YIntervalSeries(e.getKey().replace('_', ' '));
      for (int h = 0; h < eval.horizon(); h++) {
        double v = e.getValue()[h];
        baseline.add(x(eval, train + h), v, v, v);
      }
      data.addSeries(baseline);
    }

    ValueAxis xAxis = series.dates() == null ? new NumberAxis("observation") : new DateAxis("date");
    NumberAxis yAxis = new NumberAxis(valueLabel);
    yAxis.setAutoRangeIncludesZero(false);
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      Color c = ChartStyle.color(i);
      boolean baseline = i >= (eval.holdout() > 0 ? 3 : 2);
      renderer.setSeriesPaint(i, i == 0 ? Color.DARK_GRAY : c);
      renderer.setSeriesFillPaint(i, c);
      renderer.setSeriesStroke(i, baseline ? ChartStyle.dashed(2f) : ChartStyle.line(3f));
    }
    renderer.setAlpha(0.25f);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    String title =
        eval.holdout() > 0
            ? "%s: %s forecast of %d held-out values, MASE %.2f (seasonal naive %.2f)"
                .formatted(
                    series.name(),
                    eval.model(),
                    eval.horizon(),
                    eval.metrics().get(eval.model()).get("MASE"),
                    eval.metrics().get("seasonal_naive").get("MASE"))
            : "%s: %s forecast of the next %d values"
                .formatted(series.name(), eval.model(), eval.horizon());
    JFreeChart chart = new JFreeChart(title, plot);
    ChartStyle.apply(chart);
    return chart;
  }

  private static double x(HoldoutEvaluation eval, int i) {
    LocalDate d = eval.series().date(i);
    return d == null ? i + 1 : d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
