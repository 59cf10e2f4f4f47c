package org.rnnkit.chart;

import java.awt.Color;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.SeriesResult;

/**
 * The pictures of a catalogue run: a few series (the best, median and worst by the network's MASE)
 * with their forecasts and intervals, and the distribution of the per-series MASE of every method.
 */
public final class CatalogueCharts {
  private CatalogueCharts() {}

  /**
   * The series ranked by the network's MASE: on the test part with a hold-out, else the mean over
   * the backtest origins. Series without a score are left out.
   */
  public static List<SeriesResult> rankedByMase(CatalogueResult r) {
    List<SeriesResult> out = new ArrayList<>();
    for (SeriesResult s : r.series()) {
      if (s.ok() && Double.isFinite(mase(r, s, r.network()))) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparingDouble(s -> mase(r, s, r.network())));
    return out;
  }

  /** A method's MASE on one series: the test part's, or the mean over the backtest origins. */
  public static double mase(CatalogueResult r, SeriesResult s, String method) {
    if (r.setup().holdout()) {
      return s.score(0, method, "MASE");
    }
    double sum = 0;
    int n = 0;
    for (int k = 1; k < s.scores().size(); k++) {
      double v = s.score(k, method, "MASE");
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n > 0 ? sum / n : Double.NaN;
  }

  /**
   * The best, median and worst series by the network's MASE, one panel each sharing the x axis
   * (steps from the forecast origin: 0 is the last training value): the last {@code historyShown}
   * training values, the test values (with a hold-out), the network's forecast with its widest and
   * narrowest interval as bands.
   */
  public static JFreeChart examples(CatalogueResult r, int historyShown) {
    List<SeriesResult> ranked = rankedByMase(r);
    if (ranked.isEmpty()) {
      throw new IllegalArgumentException("no series has a score to rank by");
    }
    String[] labels = {"best", "median", "worst"};
    int[] picks = {0, ranked.size() / 2, ranked.size() - 1};
    CombinedDomainXYPlot combined =
        new CombinedDomainXYPlot(new NumberAxis("steps from the forecast origin"));
    combined.setGap(12);
    for (int p = 0; p < picks.length; p++) {
      // with one or two series, a series is drawn once (the median of two is the worst)
      if (p == 0 || picks[p] != picks[p - 1]) {
        combined.add(panel(r, ranked.get(picks[p]), labels[p], historyShown, p == 0), 1);
      }
    }
    String basis = r.setup().holdout() ? "test" : "backtest";
    JFreeChart chart =
        new JFreeChart(
            "%s model: %s of %d series by %s MASE"
                .formatted(
                    r.network(),
                    ranked.size() >= 3
                        ? "best, median and worst"
                        : ranked.size() == 2 ? "best and worst" : "the one",
                    ranked.size(),
                    basis),
            combined);
    // ChartStyle.apply would look for the combined plot's own range axes: it has none
    chart.getTitle().setFont(ChartStyle.TITLE);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getLegend().setItemFont(ChartStyle.LEGEND);
    for (Object plot : combined.getSubplots()) {
      XYPlot xy = (XYPlot) plot;
      xy.setBackgroundPaint(Color.WHITE);
      xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
      xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
      ChartStyle.axis(xy.getRangeAxis());
      xy.getRangeAxis().setLabelFont(ChartStyle.TICK);
    }
    ChartStyle.axis(combined.getDomainAxis());
    combined.setFixedLegendItems(legend(r));
    return chart;
  }

  /**
   * The examples' legend: lines for the history, the held-out values and the forecast, and a shaded
   * square per interval in the shade its band has where it shows (the narrower band is drawn over
   * the wider, so it is darker). The renderer's own legend drew every band as the forecast's line.
   */
  private static LegendItemCollection legend(CatalogueResult r) {
    LegendItemCollection items = new LegendItemCollection();
    Shape line = new java.awt.geom.Line2D.Double(-8, 0, 8, 0);
    items.add(
        new LegendItem(
            "history",
            null,
            null,
            null,
            line,
            ChartStyle.line(3f),
            ChartStyle.Role.HISTORY.color()));
    if (r.setup().holdout()) {
      items.add(
          new LegendItem(
              "actual (held out)",
              null,
              null,
              null,
              line,
              ChartStyle.line(3f),
              ChartStyle.Role.ACTUAL.color()));
    }
    Color network = ChartStyle.Role.NETWORK.color();
    items.add(
        new LegendItem(
            r.network() + " forecast", null, null, null, line, ChartStyle.line(3f), network));
    double[] levels = r.setup().levels();
    for (int j = 0; j < levels.length; j++) {
      // bands of alpha 0.2: level j shows through the (levels.length - j) bands drawn over it
      double opacity = 1 - Math.pow(1 - 0.2, levels.length - j);
      Color shade =
          new Color(network.getRed(), network.getGreen(), network.getBlue(), (int) (255 * opacity));
      items.add(
          new LegendItem(
              "%d%% interval".formatted(Math.round(100 * levels[j])),
              null,
              null,
              null,
              new java.awt.geom.Rectangle2D.Double(-7, -7, 14, 14),
              shade));
    }
    return items;
  }

  private static XYPlot panel(
      CatalogueResult r, SeriesResult s, String label, int historyShown, boolean legend) {
    double[] y = s.series().values();
    int end = s.trainEnd();
    int h = r.setup().horizon();
    double[] levels = r.setup().levels();
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    List<Color> colors = new ArrayList<>();
    List<Boolean> dashed = new ArrayList<>();
    YIntervalSeries history = new YIntervalSeries(legend ? "history" : "history ");
    for (int i = Math.max(0, end - historyShown); i < end; i++) {
      history.add(i - end + 1, y[i], y[i], y[i]);
    }
    data.addSeries(history);
    colors.add(ChartStyle.Role.HISTORY.color());
    dashed.add(false);
    if (r.setup().holdout()) {
      YIntervalSeries actual = new YIntervalSeries(legend ? "actual (held out)" : "actual ");
      for (int i = end - 1; i < end + h; i++) {
        actual.add(i - end + 1, y[i], y[i], y[i]);
      }
      data.addSeries(actual);
      colors.add(ChartStyle.Role.ACTUAL.color());
      dashed.add(false);
    }
    double[] f = s.forecasts().get(r.network());
    // the widest interval first, so the narrower band is drawn over it
    for (int j = levels.length - 1; j >= 0 && s.lower() != null; j--) {
      String name =
          "%s forecast, %d%% interval".formatted(r.network(), Math.round(100 * levels[j]));
      YIntervalSeries band = new YIntervalSeries(legend ? name : name + " ");
      band.add(0, y[end - 1], y[end - 1], y[end - 1]);
      for (int k = 0; k < h; k++) {
        band.add(k + 1, f[k], s.lower()[j][k], s.upper()[j][k]);
      }
      data.addSeries(band);
      colors.add(ChartStyle.Role.NETWORK.color());
      dashed.add(false);
    }
    if (s.lower() == null && f != null) {
      YIntervalSeries line = new YIntervalSeries(r.network() + " forecast");
      line.add(0, y[end - 1], y[end - 1], y[end - 1]);
      for (int k = 0; k < h; k++) {
        line.add(k + 1, f[k], f[k], f[k]);
      }
      data.addSeries(line);
      colors.add(ChartStyle.Role.NETWORK.color());
      dashed.add(false);
    }
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    for (int i = 0; i < colors.size(); i++) {
      renderer.setSeriesPaint(i, colors.get(i));
      renderer.setSeriesFillPaint(i, colors.get(i));
      renderer.setSeriesStroke(i, ChartStyle.line(3f));
      renderer.setSeriesVisibleInLegend(i, legend);
    }
    renderer.setAlpha(0.2f);
    NumberAxis yAxis = new NumberAxis(s.id());
    yAxis.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, null, yAxis, renderer);
    TextTitle note =
        new TextTitle(
            String.format(Locale.ROOT, "%s: %s, MASE %.2f", label, s.id(), mase(r, s, r.network())),
            ChartStyle.LEGEND);
    note.setBackgroundPaint(new Color(255, 255, 255, 200));
    plot.addAnnotation(new XYTitleAnnotation(0.01, 0.98, note, RectangleAnchor.TOP_LEFT));
    return plot;
  }

  /**
   * Box plots of the per-series MASE of every method on a log axis (box: quartiles; line: median;
   * the mean in the method's label; whiskers to the furthest value within 1.5 interquartile ranges;
   * circles beyond).
   */
  public static JFreeChart maseDistribution(CatalogueResult r) {
    DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
    int count = 0;
    for (String method : r.methods()) {
      List<Double> values = new ArrayList<>();
      for (SeriesResult s : r.series()) {
        double v = s.ok() ? mase(r, s, method) : Double.NaN;
        // a log axis: a perfect forecast (MASE 0) is drawn at the axis floor
        if (Double.isFinite(v)) {
          values.add(Math.max(v, 1e-3));
        }
      }
      if (!values.isEmpty()) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        data.add(
            values,
            "MASE",
            String.format(Locale.ROOT, "%s (mean %.2f)", method.replace('_', ' '), mean));
        count = Math.max(count, values.size());
      }
    }
    LogAxis yAxis =
        new DistinctLogAxis(
            r.setup().holdout()
                ? "MASE on the test part (log scale)"
                : "mean MASE over the backtest origins (log scale)");
    yAxis.setSmallestValue(1e-3);
    BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
    renderer.setSeriesPaint(0, ChartStyle.Role.NETWORK.color());
    renderer.setFillBox(false);
    renderer.setMeanVisible(false);
    renderer.setMaxOutlierVisible(true);
    renderer.setMinOutlierVisible(true);
    renderer.setUseOutlinePaintForWhiskers(false);
    CategoryAxis xAxis = new CategoryAxis("method");
    xAxis.setLabelFont(ChartStyle.LABEL);
    xAxis.setTickLabelFont(ChartStyle.TICK);
    // "damped (mean 0.93)" on two lines rather than cut to "damp..."
    xAxis.setMaximumCategoryLabelLines(3);
    xAxis.setMaximumCategoryLabelWidthRatio(1.0f);
    CategoryPlot plot = new CategoryPlot(data, xAxis, yAxis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ChartStyle.axis(yAxis);
    JFreeChart chart =
        new JFreeChart("Per-series MASE of each method (%d series)".formatted(count), plot);
    chart.removeLegend();
    ChartStyle.apply(chart);
    return chart;
  }
}
