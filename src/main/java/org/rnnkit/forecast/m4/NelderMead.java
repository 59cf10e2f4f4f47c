package org.rnnkit.forecast.m4;

import java.util.function.ToDoubleFunction;

/**
 * Nelder-Mead simplex minimisation as R's {@code optim(method = "Nelder-Mead")} performs it (Nash,
 * Compact Numerical Methods for Computers, 2nd ed., 1990, algorithm 19), which R's forecast package
 * runs to fit exponential smoothing: the M4 benchmarks' fitted parameters, and so their forecasts,
 * depend on this search's particular steps, not only on the objective.
 *
 * <ul>
 *   <li>Start: the point x0 and n vertices {@code x0 + s e_i}, where {@code s = 0.1 max_i |x0_i|}
 *       (0.1 when x0 = 0), grown tenfold until it changes {@code x0_i}.
 *   <li>Each iteration, with worst vertex H, best L and centroid c of all but H: reflect {@code r =
 *       c + a (c - x_H)}; if r beats L, try the expansion {@code c + g (r - c)} and keep the better
 *       of the two; otherwise put r in place of H if it beats H, then contract {@code x_H + b (c -
 *       x_H)}, and when that fails and r did not beat H, shrink every vertex half way to L.
 *   <li>Stop when {@code f_H <= f_L + tol (|f0| + tol)} (f0 the value at x0), when a shrink does
 *       not reduce the simplex's size, or after {@code maxEvaluations} evaluations.
 * </ul>
 *
 * A non-finite objective value counts as 1e35. Coefficients a = 1, b = 0.5, g = 2 as R's defaults.
 */
final class NelderMead {
  private static final double BIG = 1.0e35;
  private static final double REFLECTION = 1.0;
  private static final double CONTRACTION = 0.5;
  private static final double EXPANSION = 2.0;

  private final double tolerance;
  private final int maxEvaluations;

  /**
   * @param tolerance the relative tolerance on the spread of the simplex's values (R's reltol)
   * @param maxEvaluations the evaluation budget (R's maxit)
   */
  NelderMead(double tolerance, int maxEvaluations) {
    this.tolerance = tolerance;
    this.maxEvaluations = maxEvaluations;
  }

  /** The best point found and its value. */
  record Result(double[] point, double value, int evaluations) {}

  /**
   * @param objective the function to minimise; may return infinity or NaN outside its domain
   * @param start Not modified. The starting point, where the objective must be finite.
   */
  Result minimize(ToDoubleFunction<double[]> objective, double[] start) {
    int n = start.length;
    double f0 = objective.applyAsDouble(start.clone());
    if (!Double.isFinite(f0)) {
      throw new IllegalArgumentException("the objective is not finite at the starting point");
    }
    double convergence = tolerance * (Math.abs(f0) + tolerance);
    // vertices[j] and values[j], j = 0..n; the starting point first
    double[][] vertices = new double[n + 1][];
    double[] values = new double[n + 1];
    vertices[0] = start.clone();
    values[0] = f0;
    double step = 0;
    for (double v : start) {
      step = Math.max(step, 0.1 * Math.abs(v));
    }
    if (step == 0) {
      step = 0.1;
    }
    double size = 0;
    for (int j = 1; j <= n; j++) {
      vertices[j] = start.clone();
      double trial = step;
      while (vertices[j][j - 1] == start[j - 1]) {
        vertices[j][j - 1] = start[j - 1] + trial;
        trial *= 10;
      }
      size += trial;
    }
    double oldSize = size;
    int evaluations = 1;
    int best = 0;
    boolean evaluateVertices = true;
    double[] centroid = new double[n];
    while (true) {
      if (evaluateVertices) {
        for (int j = 0; j <= n; j++) {
          if (j != best) {
            values[j] = value(objective, vertices[j]);
            evaluations++;
          }
        }
        evaluateVertices = false;
      }
      int worst = best;
      for (int j = 0; j <= n; j++) {
        if (j != best) {
          if (values[j] < values[best]) {
            best = j;
          }
          if (values[j] > values[worst]) {
            worst = j;
          }
        }
      }
      if (values[worst] <= values[best] + convergence) {
        break;
      }
      for (int i = 0; i < n; i++) {
        double sum = -vertices[worst][i];
        for (int j = 0; j <= n; j++) {
          sum += vertices[j][i];
        }
        centroid[i] = sum / n;
      }
      // r = c + a (c - x_H)
      double[] reflected = new double[n];
      for (int i = 0; i < n; i++) {
        reflected[i] = (1 + REFLECTION) * centroid[i] - REFLECTION * vertices[worst][i];
      }
      double fReflected = value(objective, reflected);
      evaluations++;
      if (fReflected < values[best]) {
        // e = c + g (r - c)
        double[] expanded = new double[n];
        for (int i = 0; i < n; i++) {
          expanded[i] = EXPANSION * reflected[i] + (1 - EXPANSION) * centroid[i];
        }
        double fExpanded = value(objective, expanded);
        evaluations++;
        boolean expansionBetter = fExpanded < fReflected;
        vertices[worst] = expansionBetter ? expanded : reflected;
        values[worst] = expansionBetter ? fExpanded : fReflected;
      } else {
        double fWorstBefore = values[worst];
        if (fReflected < fWorstBefore) {
          vertices[worst] = reflected;
          values[worst] = fReflected;
        }
        // x_H + b (c - x_H)
        double[] contracted = new double[n];
        for (int i = 0; i < n; i++) {
          contracted[i] = (1 - CONTRACTION) * vertices[worst][i] + CONTRACTION * centroid[i];
        }
        double fContracted = value(objective, contracted);
        evaluations++;
        if (fContracted < values[worst]) {
          vertices[worst] = contracted;
          values[worst] = fContracted;
        } else if (fReflected >= fWorstBefore) {
          size = shrinkTowards(vertices, best);
          evaluateVertices = true;
          if (size >= oldSize) {
            break;
          }
          oldSize = size;
        }
      }
      if (evaluations > maxEvaluations) {
        break;
      }
    }
    return new Result(vertices[best].clone(), values[best], evaluations);
  }

  /** Moves every vertex half way to the best one; returns the simplex's new size. */
  private static double shrinkTowards(double[][] vertices, int best) {
    double size = 0;
    for (int j = 0; j < vertices.length; j++) {
      if (j != best) {
        for (int i = 0; i < vertices[j].length; i++) {
          vertices[j][i] = CONTRACTION * (vertices[j][i] - vertices[best][i]) + vertices[best][i];
          size += Math.abs(vertices[j][i] - vertices[best][i]);
        }
      }
    }
    return size;
  }

  private static double value(ToDoubleFunction<double[]> objective, double[] x) {
    double f = objective.applyAsDouble(x.clone());
    return Double.isFinite(f) ? f : BIG;
  }
}
