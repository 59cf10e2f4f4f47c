package org.rnnkit.chart;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Feature sequences side by side, one panel per sequence (e.g. one utterance per word): frame
 * across, feature down the y axis, value as colour on one linear scale shared by every panel.
 */
public final class FeaturePanels {
  private FeaturePanels() {}

  /**
   * @param names one panel title per sequence, shown under its x axis
   * @param sequences Not modified. {@code [panel][frame][feature]}, every frame of equal width.
   * @param featureLabel the y axis label, e.g. "MFCC coefficient"
   * @param valueLabel the colour bar's label
   */
  public static JFreeChart create(
      String title,
      List<String> names,
      List<double[][]> sequences,
      String featureLabel,
      String valueLabel) {
    if (sequences.isEmpty() || names.size() != sequences.size()) {
      throw new IllegalArgumentException(
          "feature panels need one name per sequence and at least one, got %d names, %d sequences"
              .formatted(names.size(), sequences.size()));
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double[][] s : sequences) {
      for (double[] frame : s) {
        for (double v : frame) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
    if (!(high > low)) {
      high = low + 1;
    }
    HeatMap.Viridis scale = new HeatMap.Viridis(low, high);
    NumberAxis y = new NumberAxis(featureLabel);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    int width = sequences.get(0)[0].length;
    y.setRange(-0.5, width - 0.5);
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(y);
    combined.setGap(6);
    for (int p = 0; p < sequences.size(); p++) {
      double[][] s = sequences.get(p);
      int n = s.length * width;
      double[] xs = new double[n];
      double[] ys = new double[n];
      double[] zs = new double[n];
      for (int t = 0; t < s.length; t++) {
        for (int f = 0; f < width; f++) {
          int i = t * width + f;
          xs[i] = t;
          ys[i] = f;
          zs[i] = s[t][f];
        }
      }
      DefaultXYZDataset data = new DefaultXYZDataset();
      data.addSeries(names.get(p), new double[][] {xs, ys, zs});
      XYBlockRenderer renderer = new XYBlockRenderer();
      renderer.setPaintScale(scale);
      NumberAxis x = new NumberAxis(names.get(p));
      x.setRange(-0.5, s.length - 0.5);
      x.setTickLabelsVisible(false);
      x.setTickMarksVisible(false);
      ChartStyle.axis(x);
      x.setTickLabelsVisible(false);
      XYPlot plot = new XYPlot(data, x, null, renderer);
      plot.setBackgroundPaint(Color.WHITE);
      combined.add(plot, Math.max(1, s.length));
    }
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, combined, false);
    chart.setBackgroundPaint(Color.WHITE);
    ChartStyle.axis(y);
    HeatMap.addColourBar(chart, scale, valueLabel);
    return chart;
  }
}
