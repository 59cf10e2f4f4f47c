package org.rnnkit.chart;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A line chart with one line per {@link Series}, optionally a log-scale y axis, point markers and
 * horizontal reference lines (a clipping threshold, a success threshold, the chance level). Build,
 * then {@link #write}.
 *
 * <p>What keeps the charts readable: reference lines are named in the legend, never by text on the
 * plot, and always lie inside the y range; a log axis labels its ticks with as many significant
 * digits as it takes to tell them apart ({@link DistinctLogAxis}); an x axis whose points all lie
 * on whole numbers (epochs, updates, time steps, lengths) has whole-number ticks.
 *
 * <pre>
 *   new LineChart("Gradient flow", "steps back from T (steps)", "||dL/dh[t]||")
 *       .logY().add(series).write(Path.of("flow.png"));
 * </pre>
 */
public final class LineChart {
  /** Colours of reference lines, apart from the palette of the data lines. */
  private static final Color[] REFERENCE_COLORS = {new Color(120, 0, 0), new Color(110, 110, 110)};

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();
  private boolean logY;
  private boolean shapes;

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

  public LineChart add(Series s) {
    series.add(s);
    return this;
  }

  /**
   * A dashed horizontal line at {@code y} across the whole x range, named {@code label} in the
   * legend; the y axis always reaches it. The first such line is dark red, a second grey, and so
   * on.
   */
  public LineChart horizontalLine(double y, String label) {
    if (!Double.isFinite(y) || (logY && y <= 0)) {
      throw new IllegalArgumentException(
          "reference line %s at %s cannot be drawn on this axis".formatted(label, y));
    }
    references.add(new Reference(label, y));
    return this;
  }

  /** The chart, styled. */
  public JFreeChart build() {
    if (series.isEmpty()) {
      throw new IllegalStateException("chart '" + title + "' has no series; add at least one");
    }
    XYSeriesCollection data = new XYSeriesCollection();
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    boolean wholeX = true;
    for (Series s : series) {
      for (double v : s.x()) {
        xMin = Math.min(xMin, v);
        xMax = Math.max(xMax, v);
        wholeX &= v == Math.rint(v);
      }
    }
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
    for (Reference r : references) {
      XYSeries xy = new XYSeries(r.label(), false, true);
      if (xMin <= xMax) {
        xy.add(xMin, r.y());
        xy.add(xMax, r.y());
      }
      data.addSeries(xy);
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    if (wholeX) {
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    ValueAxis y;
    if (logY) {
      y = new DistinctLogAxis(yLabel);
    } else {
      NumberAxis linear = new NumberAxis(yLabel);
      linear.setAutoRangeIncludesZero(false);
      y = linear;
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
    for (int i = 0; i < series.size(); i++) {
      ChartStyle.Look look = series.get(i).look();
      renderer.setSeriesPaint(i, look == null ? ChartStyle.color(i) : look.color());
      renderer.setSeriesStroke(
          i, look == null ? ChartStyle.LINE : look.stroke(ChartStyle.LINE.getLineWidth()));
      renderer.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
    }
    for (int r = 0; r < references.size(); r++) {
      int i = series.size() + r;
      renderer.setSeriesPaint(i, REFERENCE_COLORS[r % REFERENCE_COLORS.length]);
      renderer.setSeriesStroke(i, ChartStyle.dashed(2.5f));
      renderer.setSeriesShapesVisible(i, false);
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
    ChartStyle.apply(chart);
    return chart;
  }

  /** A horizontal reference line, named in the legend. */
  private record Reference(String label, double y) {}

  /** Builds and writes the chart as a 1200x800 PNG; returns {@code file}. */
  public Path write(Path file) {
    return ChartStyle.writePng(build(), file);
  }
}
