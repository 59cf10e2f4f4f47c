package org.rnnkit.chart;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rnnkit.data.Frequency;
import org.rnnkit.forecast.HoldoutEvaluation;

/**
 * The forecast picture: the recent history, the held-out actual values, the model's forecast with
 * its prediction interval as a band, and every baseline's forecast as a dashed line, on a dated x
 * axis (numbered observations for an undated series) that spans what is drawn. Every line keeps its
 * {@link ChartStyle.Role}'s colour and style. An hourly series' axis shows its hours, as written
 * (no zone). Seasonal naive is drawn only on a series with a significant season (or when it is the
 * best baseline): on another series it is a copy of last year's noise, not a season. The title
 * names the best baseline and whether the model beat it.
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
    List<ChartStyle.Role> roles = new ArrayList<>();
    YIntervalSeries history = new YIntervalSeries("history");
    for (int i = Math.max(0, train - historyShown); i < train; i++) {
      history.add(x(eval, i), values[i], values[i], values[i]);
    }
    add(data, roles, history, ChartStyle.Role.HISTORY);
    if (eval.holdout() > 0) {
      YIntervalSeries actual = new YIntervalSeries("actual (held out)");
      for (int i = train - 1; i < Math.min(values.length, train + eval.horizon()); i++) {
        actual.add(x(eval, i), values[i], values[i], values[i]);
      }
      add(data, roles, actual, ChartStyle.Role.ACTUAL);
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
    add(data, roles, model, ChartStyle.Role.NETWORK);
    for (String name : drawnBaselines(eval)) {
      YIntervalSeries baseline = new YIntervalSeries(name.replace('_', ' '));
      for (int h = 0; h < eval.horizon(); h++) {
        double v = eval.forecasts().get(name)[h];
        baseline.add(x(eval, train + h), v, v, v);
      }
      add(data, roles, baseline, ChartStyle.Role.ofMethod(name));
    }

    ValueAxis xAxis;
    if (series.dates() == null) {
      NumberAxis number = new NumberAxis("observation");
      // the axis spans the drawn observations, not 0 .. n
      number.setAutoRangeIncludesZero(false);
      xAxis = number;
    } else {
      // times are wall-clock with no zone, placed on the axis as UTC and labelled as such
      DateAxis time = new DateAxis(series.frequency() == Frequency.HOURLY ? "time" : "date");
      time.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
      xAxis = time;
    }
    NumberAxis yAxis = new NumberAxis(valueLabel);
    yAxis.setAutoRangeIncludesZero(false);
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    for (int i = 0; i < roles.size(); i++) {
      ChartStyle.Role role = roles.get(i);
      boolean solid = role == ChartStyle.Role.NETWORK || role == ChartStyle.Role.ACTUAL;
      renderer.setSeriesPaint(i, role.color());
      renderer.setSeriesFillPaint(i, role.color());
      renderer.setSeriesStroke(i, role.stroke(solid ? 3f : 2.5f));
    }
    renderer.setAlpha(0.25f);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    JFreeChart chart = new JFreeChart(title(eval), plot);
    ChartStyle.apply(chart);
    return chart;
  }

  /** The baselines drawn, in the evaluation's order. */
  static List<String> drawnBaselines(HoldoutEvaluation eval) {
    List<String> out = new ArrayList<>();
    for (String name : eval.forecasts().keySet()) {
      boolean seasonalNaiveWithoutSeason =
          name.equals("seasonal_naive") && !eval.seasonal() && !name.equals(eval.bestBaseline());
      if (!name.equals(eval.model()) && !seasonalNaiveWithoutSeason) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * With a hold-out: the model's score, the best baseline's, and whether the model beat it;
   * without: what is forecast.
   */
  static String title(HoldoutEvaluation eval) {
    String name = eval.series().name();
    String best = eval.bestBaseline();
    if (eval.holdout() == 0 || best == null) {
      return "%s: %s forecast of the next %d values".formatted(name, eval.model(), eval.horizon());
    }
    String score = eval.scoreName();
    return String.format(
        Locale.ROOT,
        "%s, %d held-out values: %s %s %.2f %s the best baseline, %s (%.2f)",
        name,
        eval.horizon(),
        eval.model(),
        score,
        eval.score(eval.model()),
        eval.beatsBestBaseline() ? "beats" : "does not beat",
        best.replace('_', ' '),
        eval.score(best));
  }

  private static void add(
      YIntervalSeriesCollection data,
      List<ChartStyle.Role> roles,
      YIntervalSeries series,
      ChartStyle.Role role) {
    data.addSeries(series);
    roles.add(role);
  }

  private static double x(HoldoutEvaluation eval, int i) {
    LocalDateTime d = eval.series().date(i);
    return d == null ? i + 1 : d.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
