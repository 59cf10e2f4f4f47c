package org.rnnkit.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A line chart with one line per {@link Series}, optionally a log-scale y axis, point markers and
 * horizontal reference lines (a clipping threshold, a success threshold). Build, then {@link
 * #write}.
 *
 * <pre>
 *   new LineChart("Gradient flow", "steps back from T (steps)", "||dL/dh[t]||")
 *       .logY().add(series).write(Path.of("flow.png"));
 * </pre>
 */
public final class LineChart {
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<ValueMarker> markers = new ArrayList<>();
  private boolean logY;
  private boolean shapes;
  private boolean integerX;

  /**
   * @param xLabel the x axis label, with its unit
   * @param yLabel the y axis label, with its unit
   */
  public LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** A log-scale (base 10) y axis. */
  public LineChart logY() {
    logY = true;
    return this;
  }

  /** A dot at every point, for few points (e.g. one per sequence length). */
  public LineChart shapes() {
    shapes = true;
    return this;
  }

  /** Whole-number ticks on the x axis. */
  public LineChart integerX() {
    integerX = true;
    return this;
  }

  public LineChart add(Series s) {
    series.add(s);
    return this;
  }

  /** A dashed horizontal line at {@code y}, labelled. */
  public LineChart horizontalLine(double y, String label) {
    ValueMarker marker = new ValueMarker(y);
    marker.setPaint(new Color(120, 0, 0));
    marker.setStroke(
        new java.awt.BasicStroke(
            2.5f,
            java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER,
            10f,
            new float[] {12f, 8f},
            0f));
    marker.setLabel(label);
    marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
    marker.setLabelPaint(new Color(120, 0, 0));
    marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    markers.add(marker);
    return this;
  }

  /** The chart, styled. */
  public JFreeChart build() {
    if (series.isEmpty()) {
      throw new IllegalStateException("chart '" + title + "' has no series; add at least one");
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        double y = s.y()[i];
        if (Double.isFinite(y) && (!logY || y > 0)) {
          xy.add(s.x()[i], y);
        }
      }
      data.addSeries(xy);
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    if (integerX) {
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    ValueAxis y;
    if (logY) {
      LogAxis log = new LogAxis(yLabel);
      log.setBase(10);
      log.setSmallestValue(1e-300);
      log.setNumberFormatOverride(new DecimalFormat("0.#E0"));
      y = log;
    } else {
      NumberAxis linear = new NumberAxis(yLabel);
      linear.setAutoRangeIncludesZero(false);
      y = linear;
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, ChartStyle.color(i));
      renderer.setSeriesStroke(i, ChartStyle.LINE);
      renderer.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    markers.forEach(plot::addRangeMarker);
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
    ChartStyle.apply(chart);
    return chart;
  }

  /** Builds and writes the chart as a 1200x800 PNG; returns {@code file}. */
  public Path write(Path file) {
    return ChartStyle.writePng(build(), file);
  }
}
