package org.rnnkit.forecast.m4;

/**
 * The classic Theta method (Assimakopoulos and Nikolopoulos, 2000) as the M4 benchmark computed it
 * ({@code Theta.classic}): the series is split into the least-squares line through it (theta line
 * 0) and theta line 2, twice the series minus that line; line 2 is forecast by simple exponential
 * smoothing, line 0 is extrapolated, and the two are averaged:
 *
 * <pre>
 *   L_t  = a + b t                    (least squares on t = 1..n)
 *   Z_t  = 2 y_t - L_t                (theta line 2)
 *   f_{n+h} = max(0, ( SES(Z)_{n+h} + a + b (n + h) ) / 2)
 * </pre>
 *
 * On a straight line {@code y_t = a + b t} this gives {@code y_n + b h / 2} (up to SES's lag at
 * alpha = 0.9999): the line's slope, halved. Negative forecasts become 0, as in the competition.
 */
public final class Theta {
  private Theta() {}

  /**
   * @param y Not modified. At least 7 values (for SES).
   * @param horizon steps to forecast
   */
  public static double[] forecast(double[] y, int horizon) {
    int n = y.length;
    LeastSquaresLine line0 = LeastSquaresLine.fit(y, n);
    double[] line2 = new double[n];
    for (int t = 1; t <= n; t++) {
      line2[t - 1] = 2 * y[t - 1] - line0.at(t);
    }
    double[] ses =
        ExponentialSmoothing.fit(line2, ExponentialSmoothing.Trend.NONE).forecast(horizon);
    double[] f = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      f[h - 1] = Math.max(0, (ses[h - 1] + line0.at(n + h)) / 2);
    }
    return f;
  }
}
