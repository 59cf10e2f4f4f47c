package org.rnnkit.forecast.m4;

import java.util.Arrays;

/**
 * Non-seasonal exponential smoothing with additive errors, fitted as the M4 benchmarks fitted it
 * (R's forecast package: {@code ses}, {@code holt}, {@code holt(damped = TRUE)}, i.e. {@code ets}
 * with models ANN, AAN, AAdN and {@code opt.crit = "mse"}; Hyndman, Koehler, Ord and Snyder,
 * Forecasting with Exponential Smoothing, 2008). With level l, trend b and damping phi (phi = 1
 * undamped, b = 0 without a trend), for t = 1..n:
 *
 * <pre>
 *   yhat_t = l_{t-1} + phi b_{t-1}                    (one-step forecast)
 *   e_t    = y_t - yhat_t
 *   l_t    = yhat_t + alpha e_t
 *   b_t    = phi b_{t-1} + beta e_t
 *   f_{n+h} = l_n + (phi + phi^2 + ... + phi^h) b_n   (h b_n undamped; l_n without a trend)
 * </pre>
 *
 * The parameters (alpha, beta, phi) and the initial states (l_0, b_0) minimise the in-sample MSE
 * {@code 1/n sum e_t^2}, searched by {@link NelderMead} from where forecast 8.2 (the version the
 * competition's code requires) starts: alpha = 0.5 (exactly 1e-4 + 0.5 (0.9999 - 1e-4)), beta =
 * 1e-4 + 0.1 (alpha - 1e-4) = 0.05009, phi = 0.8 + 0.99 (0.98 - 0.8) = 0.9782, l_0 the mean of the
 * first 10 values (without a trend) or the intercept and b_0 the slope of a least-squares line
 * through them (with one); relative tolerance sqrt(2.2e-16), at most 2,000 evaluations. The start
 * matters: forecast 8.3 and later start from alpha = 0.2 and end in other optima on some series (on
 * M4's weekly set, damped trend's MASE becomes 2.400 instead of the published 2.404). Outside the
 * bounds alpha in [1e-4, 0.9999], beta in [1e-4, alpha], phi in [0.8, 0.98] the objective is
 * infinite (R also checks the admissible region, which these bounds lie inside for non-seasonal
 * models).
 *
 * <p>R fits a series of at most {@code parameters + 4} values differently (a heuristic Holt-Winters
 * start); such a series is refused here: SES needs 7 values, Holt 9, damped 10.
 */
public final class ExponentialSmoothing {
  /** The kind of trend. */
  public enum Trend {
    /** Simple exponential smoothing: ETS(A,N,N). */
    NONE,
    /** Holt's linear trend: ETS(A,A,N). */
    ADDITIVE,
    /** Gardner and McKenzie's damped trend: ETS(A,Ad,N). */
    DAMPED
  }

  static final double ALPHA_MIN = 1e-4;
  static final double ALPHA_MAX = 0.9999;
  static final double BETA_MIN = 1e-4;
  static final double PHI_MIN = 0.8;
  static final double PHI_MAX = 0.98;

  /** Values averaged (or fitted by a line) for the initial states' starting point. */
  private static final int INITIAL_VALUES = 10;

  private static final NelderMead SEARCH = new NelderMead(Math.sqrt(Math.ulp(1.0)), 2000);

  private ExponentialSmoothing() {}

  /**
   * A fitted model.
   *
   * @param trend the model
   * @param alpha the level's smoothing weight
   * @param beta the trend's smoothing weight (0 without a trend)
   * @param phi the damping (1 when undamped)
   * @param level0 l_0
   * @param trend0 b_0 (0 without a trend)
   * @param level l_n, after the last value
   * @param slope b_n
   * @param mse the in-sample one-step mean squared error
   */
  public record Fit(
      Trend trend,
      double alpha,
      double beta,
      double phi,
      double level0,
      double trend0,
      double level,
      double slope,
      double mse) {

    /** {@code f_{n+h}} for h = 1..horizon. */
    public double[] forecast(int horizon) {
      double[] f = new double[horizon];
      double damping = 0;
      for (int h = 1; h <= horizon; h++) {
        damping += Math.pow(phi, h);
        f[h - 1] = level + damping * slope;
      }
      return f;
    }
  }

  /**
   * Fits the model to {@code y} by minimising the in-sample MSE.
   *
   * @param y Not modified. The series, at least 7 (SES), 9 (Holt) or 10 (damped) finite values.
   */
  public static Fit fit(double[] y, Trend trend) {
    int parameters =
        switch (trend) {
          case NONE -> 2;
          case ADDITIVE -> 4;
          case DAMPED -> 5;
        };
    if (y.length <= parameters + 4) {
      throw new IllegalArgumentException(
          "%s exponential smoothing needs at least %d values, got %d"
              .formatted(name(trend), parameters + 5, y.length));
    }
    double[] start = startingPoint(y, trend);
    NelderMead.Result best = SEARCH.minimize(p -> mse(y, trend, p), start);
    return run(y, trend, best.point());
  }

  /**
   * Runs the recursions with given parameters and initial states (no search).
   *
   * @param y Not modified.
   * @param beta ignored without a trend
   * @param phi ignored unless damped
   * @param trend0 ignored without a trend
   */
  public static Fit withParameters(
      double[] y,
      Trend trend,
      double alpha,
      double beta,
      double phi,
      double level0,
      double trend0) {
    return run(y, trend, pack(trend, alpha, beta, phi, level0, trend0));
  }

  private static String name(Trend trend) {
    return switch (trend) {
      case NONE -> "simple";
      case ADDITIVE -> "Holt's";
      case DAMPED -> "damped-trend";
    };
  }

  /** The search vector, in R's order: alpha, beta, phi, l_0, b_0 (those the model has). */
  private static double[] pack(
      Trend trend, double alpha, double beta, double phi, double level0, double trend0) {
    return switch (trend) {
      case NONE -> new double[] {alpha, level0};
      case ADDITIVE -> new double[] {alpha, beta, level0, trend0};
      case DAMPED -> new double[] {alpha, beta, phi, level0, trend0};
    };
  }

  private static double[] startingPoint(double[] y, Trend trend) {
    // forecast 8.2's initparam (8.3 and later: ALPHA_MIN + 0.2 (ALPHA_MAX - ALPHA_MIN))
    double alpha = Math.max(ALPHA_MIN + 0.5 * (ALPHA_MAX - ALPHA_MIN), BETA_MIN + 2e-3);
    double beta = BETA_MIN + 0.1 * (Math.min(ALPHA_MAX, alpha) - BETA_MIN);
    double phi = PHI_MIN + 0.99 * (PHI_MAX - PHI_MIN);
    int k = Math.min(INITIAL_VALUES, y.length);
    if (trend == Trend.NONE) {
      double level0 = Arrays.stream(y, 0, k).sum() / k;
      return pack(trend, alpha, 0, 1, level0, 0);
    }
    // least-squares line through (t, y_t), t = 1..k: l_0 its intercept, b_0 its slope
    LeastSquaresLine line = LeastSquaresLine.fit(y, k);
    return pack(trend, alpha, beta, phi, line.intercept(), line.slope());
  }

  /** The objective: in-sample MSE, infinite outside the parameter bounds. */
  private static double mse(double[] y, Trend trend, double[] p) {
    double alpha = p[0];
    if (alpha < ALPHA_MIN || alpha > ALPHA_MAX) {
      return Double.POSITIVE_INFINITY;
    }
    if (trend != Trend.NONE && (p[1] < BETA_MIN || p[1] > alpha || p[1] > ALPHA_MAX)) {
      return Double.POSITIVE_INFINITY;
    }
    if (trend == Trend.DAMPED && (p[2] < PHI_MIN || p[2] > PHI_MAX)) {
      return Double.POSITIVE_INFINITY;
    }
    return run(y, trend, p).mse();
  }

  private static Fit run(double[] y, Trend trend, double[] p) {
    double alpha = p[0];
    double beta = 0;
    double phi = 1;
    double level0;
    double trend0 = 0;
    switch (trend) {
      case NONE -> level0 = p[1];
      case ADDITIVE -> {
        beta = p[1];
        level0 = p[2];
        trend0 = p[3];
      }
      default -> {
        beta = p[1];
        phi = p[2];
        level0 = p[3];
        trend0 = p[4];
      }
    }
    double level = level0;
    double slope = trend0;
    double sumSq = 0;
    for (double v : y) {
      double oneStep = level + phi * slope;
      double e = v - oneStep;
      sumSq += e * e;
      level = oneStep + alpha * e;
      slope = phi * slope + beta * e;
    }
    return new Fit(trend, alpha, beta, phi, level0, trend0, level, slope, sumSq / y.length);
  }
}
