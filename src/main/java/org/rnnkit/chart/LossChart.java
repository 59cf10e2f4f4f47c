package org.rnnkit.chart;

import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rnnkit.train.History;
import org.rnnkit.train.TrainingListener.EpochEvent;

/**
 * Training and validation loss per epoch, one pair of lines per training run (e.g. per ensemble
 * member): solid for training, dashed for validation, one colour per run; where early stopping
 * restored an earlier epoch's weights, a dot on that run's validation line marks the epoch kept,
 * and the title lists the restored epochs.
 */
public final class LossChart {
  private LossChart() {}

  /**
   * @param histories Not modified. One per run, labelled "run 1", "run 2", ...
   * @param title the chart title
   * @param lossLabel the y-axis label, e.g. "MSE (scaled units)"
   */
  public static JFreeChart create(List<History> histories, String title, String lossLabel) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    List<Integer> restoredEpochs = new ArrayList<>();
    for (int r = 0; r < histories.size(); r++) {
      String run = histories.size() > 1 ? " (run " + (r + 1) + ")" : "";
      XYSeries train = new XYSeries("training" + run);
      XYSeries validation = new XYSeries("validation" + run);
      for (EpochEvent e : histories.get(r).epochs()) {
        addPositive(train, e.epoch(), e.trainLoss());
        addPositive(validation, e.epoch(), e.validationLoss());
      }
      var color = ChartStyle.color(r);
      data.addSeries(train);
      renderer.setSeriesPaint(data.getSeriesCount() - 1, color);
      renderer.setSeriesStroke(data.getSeriesCount() - 1, ChartStyle.line(2.5f));
      if (validation.getItemCount() > 0) {
        data.addSeries(validation);
        renderer.setSeriesPaint(data.getSeriesCount() - 1, color);
        renderer.setSeriesStroke(data.getSeriesCount() - 1, ChartStyle.dashed(2.5f));
      }
      int kept = histories.get(r).restoredEpoch();
      if (kept > 0) {
        // one legend entry for all dots: the first
        boolean first = restoredEpochs.isEmpty();
        XYSeries restored =
            new XYSeries(first ? "restored epoch (early stopping)" : "restored epoch" + run);
        addPositive(restored, kept, histories.get(r).epochs().get(kept - 1).validationLoss());
        data.addSeries(restored);
        int i = data.getSeriesCount() - 1;
        renderer.setSeriesPaint(i, color);
        renderer.setSeriesLinesVisible(i, false);
        renderer.setSeriesShapesVisible(i, true);
        renderer.setSeriesShape(i, new Ellipse2D.Double(-9, -9, 18, 18));
        renderer.setSeriesVisibleInLegend(i, first);
        restoredEpochs.add(kept);
      }
    }
    if (!restoredEpochs.isEmpty()) {
      title += "\nrestored epochs " + restoredEpochs.toString().replaceAll("[\\[\\]]", "");
    }
    NumberAxis x = new NumberAxis("epoch");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y = new NumberAxis(lossLabel);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart = new JFreeChart(title, plot);
    ChartStyle.apply(chart);
    return chart;
  }

  private static void addPositive(XYSeries series, int epoch, double value) {
    if (value > 0 && Double.isFinite(value)) {
      series.add(epoch, value);
    }
  }
}
