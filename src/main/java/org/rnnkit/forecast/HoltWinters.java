package org.rnnkit.forecast;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Holt-Winters exponential smoothing (Winters 1960) with additive trend; the season is
 * multiplicative for a strictly positive series and additive otherwise, and left out for season 1
 * or fewer than {@code 2m + 2} values (Holt's linear method). With level l, trend b, season s:
 *
 * <pre>
 *   l_t = alpha (y_t / s_{t-m}) + (1 - alpha)(l_{t-1} + b_{t-1})
 *   b_t = beta (l_t - l_{t-1}) + (1 - beta) b_{t-1}
 *   s_t = gamma (y_t / l_t) + (1 - gamma) s_{t-m}
 *   f_{n+h} = (l_n + h b_n) s_{n+h-m(k+1)},  k = floor((h-1)/m)
 * </pre>
 *
 * (additive season: "/" becomes "-" and the product a sum). The states start from the classical
 * values (level: mean of the first season; trend: the change between the first two seasonal means
 * per step; season: the first season against that level), and alpha, beta, gamma in [0, 1] are
 * chosen by commons-math3's BOBYQA to minimise the in-sample one-step squared error (see {@link
 * #fit} for what happens when BOBYQA fails to converge).
 */
public final class HoltWinters implements Forecaster {
  private final int season;

  public HoltWinters(int season) {
    this.season = Math.max(1, season);
  }

  @Override
  public String name() {
    return "holt_winters";
  }

  @Override
  public double[] forecast(double[] y, int horizon) {
    if (y.length < 3 || horizon < 1) {
      throw new IllegalArgumentException(
          "Holt-Winters needs at least 3 values and a horizon of at least 1, got %d and %d"
              .formatted(y.length, horizon));
    }
    int m = y.length >= 2 * season + 2 && season > 1 ? season : 1;
    boolean multiplicative = m > 1 && java.util.Arrays.stream(y).allMatch(v -> v > 0);
    Model model = new Model(y, m, multiplicative);
    double[] best = fit(model);
    return model.run(best, horizon);
  }

  /** Starting points of the search, (alpha, beta, gamma); the first is the classical one. */
  private static final double[][] STARTS = {{0.3, 0.05, 0.1}, {0.1, 0.01, 0.3}, {0.7, 0.2, 0.05}};

  /**
   * The smoothing weights with the smallest in-sample squared error. BOBYQA runs from each of
   * {@link #STARTS} in turn; a run that fails to converge (commons-math3 throws, e.g. "trust region
   * step has failed to reduce Q" or too many evaluations) still leaves every point it evaluated,
   * and the best point evaluated over all runs is returned, so a failing run costs accuracy at
   * worst, never the forecast. Only when no evaluated point has a finite error does the fit fail.
   */
  static double[] fit(Model model) {
    int dims = model.m > 1 ? 3 : 2;
    double[] lower = new double[dims];
    double[] upper = new double[dims];
    java.util.Arrays.fill(upper, 1);
    BestPoint best = new BestPoint(model::sse);
    int converged = 0;
    for (double[] start : STARTS) {
      try {
        new BOBYQAOptimizer(2 * dims + 1)
            .optimize(
                new MaxEval(3000),
                new ObjectiveFunction(best),
                GoalType.MINIMIZE,
                new InitialGuess(java.util.Arrays.copyOf(start, dims)),
                new SimpleBounds(lower, upper));
        converged++;
      } catch (MathIllegalStateException | MathArithmeticException e) {
        // no convergence from this start: the points it evaluated stay candidates
      }
      if (converged > 0) {
        break;
      }
    }
    if (best.point == null) {
      throw new IllegalStateException(
          "Holt-Winters could not be fitted: the in-sample error is not finite for any smoothing"
              + " weights tried");
    }
    return best.point;
  }

  /** The objective, remembering the evaluated point with the smallest finite value. */
  private static final class BestPoint implements MultivariateFunction {
    private final MultivariateFunction f;
    double[] point;
    double value = Double.POSITIVE_INFINITY;

    BestPoint(MultivariateFunction f) {
      this.f = f;
    }

    @Override
    public double value(double[] p) {
      double v = f.value(p);
      if (Double.isFinite(v) && v < value) {
        value = v;
        point = p.clone();
      }
      // a non-finite error (a level driven through zero) is a very bad point, not a NaN for BOBYQA
      return Double.isFinite(v) ? v : Double.MAX_VALUE;
    }
  }

  /** The recursions for one series. */
  static final class Model {
    final double[] y;
    final int m;
    final boolean multiplicative;

    Model(double[] y, int m, boolean multiplicative) {
      this.y = y;
      this.m = m;
      this.multiplicative = multiplicative;
    }

    double sse(double[] p) {
      double[] errors = new double[1];
      simulate(p, 0, errors);
      return errors[0];
    }

    double[] run(double[] p, int horizon) {
      return simulate(p, horizon, new double[1]);
    }

    /** Runs the smoothing over y, adding squared one-step errors, and forecasts after it. */
    double[] simulate(double[] p, int horizon, double[] sse) {
      double alpha = p[0];
      double beta = p[1];
      double gamma = m > 1 ? p[2] : 0;
      int first = m > 1 ? m : 1;
      double level;
      double trend;
      double[] s = new double[m];
      if (m > 1) {
        double mean1 = mean(0, m);
        double mean2 = mean(m, 2 * m);
        level = mean1;
        trend = (mean2 - mean1) / m;
        for (int i = 0; i < m; i++) {
          s[i] = multiplicative ? y[i] / level : y[i] - level;
        }
      } else {
        level = y[0];
        trend = y[1] - y[0];
        s[0] = multiplicative ? 1 : 0;
      }
      for (int t = first; t < y.length; t++) {
        double seasonal = s[t % m];
        double predicted = combine(level + trend, seasonal);
        double e = y[t] - predicted;
        sse[0] += e * e;
        double previous = level;
        level = alpha * remove(y[t], seasonal) + (1 - alpha) * (level + trend);
        trend = beta * (level - previous) + (1 - beta) * trend;
        if (m > 1) {
          s[t % m] = gamma * remove(y[t], level) + (1 - gamma) * seasonal;
        }
      }
      double[] f = new double[horizon];
      for (int h = 1; h <= horizon; h++) {
        f[h - 1] = combine(level + h * trend, s[(y.length + h - 1) % m]);
      }
      return f;
    }

    private double combine(double base, double seasonal) {
      return multiplicative ? base * seasonal : base + seasonal;
    }

    private double remove(double value, double part) {
      return multiplicative ? value / part : value - part;
    }

    private double mean(int from, int to) {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += y[i];
      }
      return sum / (to - from);
    }
  }
}
