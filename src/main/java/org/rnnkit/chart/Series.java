package org.rnnkit.chart;

/**
 * One named line of a chart: points {@code (x[i], y[i])}.
 *
 * @param name the legend entry
 * @param x Not modified. Same length as {@code y}.
 * @param y Not modified. On a log-scale axis, points with {@code y <= 0} or non-finite y are left
 *     out (a gap in the line).
 */
public record Series(String name, double[] x, double[] y) {

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
}
