package org.rnnkit.chart;

/**
 * One named line of a chart: points {@code (x[i], y[i])}.
 *
 * @param name the legend entry
 * @param x Not modified. Same length as {@code y}.
 * @param y Not modified. On a log-scale axis, points with {@code y <= 0} or non-finite y are left
 *     out (a gap in the line).
 * @param look the line's fixed colour and style (a cell's, see {@link ChartStyle#cell}), or null
 *     for the palette's colour at the series' position
 */
public record Series(String name, double[] x, double[] y, ChartStyle.Look look) {

  /** A series coloured by its position in the chart. */
  public Series(String name, double[] x, double[] y) {
    this(name, x, y, null);
  }

  public Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series %s has %d x values and %d y values; they must pair up"
              .formatted(name, x.length, y.length));
    }
  }

  /** y against 1, 2, ..., n. */
  public static Series indexed(String name, double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return new Series(name, x, y);
  }

  /** This series drawn with {@code look} in every chart. */
  public Series withLook(ChartStyle.Look look) {
    return new Series(name, x, y, look);
  }
}
