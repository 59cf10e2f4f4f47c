package org.rnnkit.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion matrix as a grid: true class down the rows (first class at the top), predicted class
 * across, each cell coloured by its share of its row and labelled with its count.
 */
public final class ConfusionChart {
  private ConfusionChart() {}

  /**
   * @param counts Not modified. {@code counts[true][predicted]}, square, one row per label.
   */
  public static JFreeChart create(String title, List<String> labels, int[][] counts) {
    int n = labels.size();
    if (counts.length != n) {
      throw new IllegalArgumentException(
          "confusion matrix needs %d rows for %d labels, got %d".formatted(n, n, counts.length));
    }
    double[] xs = new double[n * n];
    double[] ys = new double[n * n];
    double[] zs = new double[n * n];
    XYPlot plot = new XYPlot();
    for (int t = 0; t < n; t++) {
      int row = 0;
      for (int c : counts[t]) {
        row += c;
      }
      for (int p = 0; p < n; p++) {
        int i = t * n + p;
        xs[i] = p;
        // first class at the top
        ys[i] = n - 1 - t;
        zs[i] = row == 0 ? 0 : (double) counts[t][p] / row;
        XYTextAnnotation label = new XYTextAnnotation(Integer.toString(counts[t][p]), p, ys[i]);
        label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, n > 12 ? 14 : 22));
        label.setPaint(zs[i] > 0.6 ? Color.BLACK : Color.WHITE);
        plot.addAnnotation(label);
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("share of row", new double[][] {xs, ys, zs});
    XYBlockRenderer renderer = new XYBlockRenderer();
    HeatMap.Viridis scale = new HeatMap.Viridis(0, 1);
    renderer.setPaintScale(scale);
    String[] across = labels.toArray(String[]::new);
    String[] down = new String[n];
    for (int t = 0; t < n; t++) {
      down[n - 1 - t] = labels.get(t);
    }
    plot.setDataset(data);
    plot.setRenderer(renderer);
    plot.setDomainAxis(new SymbolAxis("predicted", across));
    plot.setRangeAxis(new SymbolAxis("true", down));
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
    ChartStyle.apply(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    NumberAxis zAxis = new NumberAxis("share of the true class's recordings");
    ChartStyle.axis(zAxis);
    PaintScaleLegend legend = new PaintScaleLegend(scale, zAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(30);
    legend.setMargin(10, 10, 10, 10);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return chart;
  }
}
