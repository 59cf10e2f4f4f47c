package org.rnnkit.chart;

import java.awt.Color;
import java.awt.Paint;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heat map of {@code log10} of a positive quantity over a grid, e.g. gradient norm over (time
 * step x training epoch), with a colour bar. Cell {@code values[row][col]} is drawn at {@code x =
 * col + 1}, {@code y = rows[row]}.
 */
public final class HeatMap {
  private HeatMap() {}

  /**
   * The colour scale's range in {@code log10} units.
   *
   * @param low the value drawn darkest
   * @param high the value drawn brightest, above {@code low}
   */
  public record Scale(double low, double high) {
    public Scale {
      if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
        throw new IllegalArgumentException(
            "a colour scale needs finite low < high, got %s and %s".formatted(low, high));
      }
    }
  }

  /**
   * One colour scale for several heat maps, so that a colour means the same value in each: from the
   * smallest to the largest {@code log10} of the positive finite cells of all {@code grids}.
   *
   * @param grids Not modified.
   */
  public static Scale sharedScale(List<double[][]> grids) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double[][] grid : grids) {
      for (double[] row : grid) {
        for (double v : row) {
          if (v > 0 && Double.isFinite(v)) {
            low = Math.min(low, Math.log10(v));
            high = Math.max(high, Math.log10(v));
          }
        }
      }
    }
    if (!(high > low)) {
      low = Double.isFinite(low) ? low - 1 : 0;
      high = low + 2;
    }
    return new Scale(low, high);
  }

  /** A heat map on its own colour scale, {@link #sharedScale} of its values alone. */
  public static JFreeChart build(
      String title,
      String xLabel,
      String yLabel,
      String zLabel,
      double[][] values,
      double[] rowPositions) {
    return build(
        title,
        xLabel,
        yLabel,
        zLabel,
        values,
        rowPositions,
        sharedScale(java.util.Collections.singletonList(values)));
  }

  /**
   * @param values Not modified. {@code values[row][col]}; zero or non-finite cells are drawn grey.
   * @param rowPositions Not modified. The y of each row (e.g. the epoch), increasing.
   * @param zLabel the colour bar's label, with its unit
   * @param scale the colour scale; cells outside it take its end colours
   */
  public static JFreeChart build(
      String title,
      String xLabel,
      String yLabel,
      String zLabel,
      double[][] values,
      double[] rowPositions,
      Scale scale) {
    if (values.length == 0 || values.length != rowPositions.length) {
      throw new IllegalArgumentException(
          "heat map needs one row position per row and at least one row, got %d rows and %d positions"
              .formatted(values.length, rowPositions.length));
    }
    int cols = values[0].length;
    int n = values.length * cols;
    double[] xs = new double[n];
    double[] ys = new double[n];
    double[] zs = new double[n];
    for (int r = 0; r < values.length; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        xs[i] = c + 1;
        ys[i] = rowPositions[r];
        double v = values[r][c];
        zs[i] = v > 0 && Double.isFinite(v) ? Math.log10(v) : Double.NaN;
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(zLabel, new double[][] {xs, ys, zs});
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setBlockWidth(1);
    renderer.setBlockHeight(rowPositions.length > 1 ? rowPositions[1] - rowPositions[0] : 1);
    Viridis colours = new Viridis(scale.low(), scale.high());
    renderer.setPaintScale(colours);
    NumberAxis x = new NumberAxis(xLabel);
    x.setLowerMargin(0);
    x.setUpperMargin(0);
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    double half = (rowPositions.length > 1 ? rowPositions[1] - rowPositions[0] : 1) / 2;
    y.setRange(rowPositions[0] - half, rowPositions[rowPositions.length - 1] + half);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
    ChartStyle.apply(chart);
    addColourBar(chart, colours, zLabel);
    return chart;
  }

  /**
   * Adds the colour bar of {@code scale} at the right of {@code chart}, labelled {@code label}.
   *
   * @param chart Modified.
   */
  static void addColourBar(JFreeChart chart, PaintScale scale, String label) {
    NumberAxis zAxis = new NumberAxis(label);
    ChartStyle.axis(zAxis);
    PaintScaleLegend legend = new PaintScaleLegend(scale, zAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(30);
    legend.setMargin(10, 10, 10, 10);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
  }

  /** Builds and writes the heat map as a 1200x800 PNG; returns {@code file}. */
  public static Path write(
      String title,
      String xLabel,
      String yLabel,
      String zLabel,
      double[][] values,
      double[] rowPositions,
      Scale scale,
      Path file) {
    return ChartStyle.writePng(
        build(title, xLabel, yLabel, zLabel, values, rowPositions, scale), file);
  }

  /** An approximation of matplotlib's viridis colour map; NaN is grey. */
  record Viridis(double low, double high) implements PaintScale {
    private static final int[][] STOPS = {
      {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}
    };

    @Override
    public double getLowerBound() {
      return low;
    }

    @Override
    public double getUpperBound() {
      return high;
    }

    @Override
    public Paint getPaint(double value) {
      if (Double.isNaN(value)) {
        return Color.LIGHT_GRAY;
      }
      double f = Math.max(0, Math.min(1, (value - low) / (high - low))) * (STOPS.length - 1);
      int i = Math.min(STOPS.length - 2, (int) f);
      double w = f - i;
      int[] a = STOPS[i];
      int[] b = STOPS[i + 1];
      return new Color(
          (int) Math.round(a[0] + w * (b[0] - a[0])),
          (int) Math.round(a[1] + w * (b[1] - a[1])),
          (int) Math.round(a[2] + w * (b[2] - a[2])));
    }
  }
}
