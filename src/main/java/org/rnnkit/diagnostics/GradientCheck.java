package org.rnnkit.diagnostics;

import java.util.function.DoubleSupplier;

/**
 * Compares an analytic gradient with central finite differences:
 *
 * <pre>
 *   dL/dw_i ~ (L(w + eps e_i) - L(w - eps e_i)) / (2 eps)
 * </pre>
 *
 * The error reported for element i is {@code |a_i - n_i| / max(1, |a_i|, |n_i|)}: absolute for
 * small gradients, relative for large ones. In double precision with {@code eps = 1e-6} a correct
 * gradient typically agrees to 1e-8 or better.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /** The largest error, and where it occurred. */
  public record Result(double maxError, int worstIndex, double analytic, double numeric) {}

  /**
   * @param loss evaluates the loss at the current values; called 2n times
   * @param values Modified during the check and restored: the variables (parameter or input data)
   * @param analytic Not modified. The analytic gradient, same length as {@code values}.
   * @param eps the finite-difference step
   */
  public static Result check(DoubleSupplier loss, double[] values, double[] analytic, double eps) {
    if (values.length != analytic.length) {
      throw new IllegalArgumentException(
          "gradient has %d elements but there are %d values"
              .formatted(analytic.length, values.length));
    }
    Result worst = new Result(0, -1, 0, 0);
    for (int i = 0; i < values.length; i++) {
      double original = values[i];
      values[i] = original + eps;
      double plus = loss.getAsDouble();
      values[i] = original - eps;
      double minus = loss.getAsDouble();
      values[i] = original;
      double numeric = (plus - minus) / (2 * eps);
      double error =
          Math.abs(analytic[i] - numeric)
              / Math.max(1, Math.max(Math.abs(analytic[i]), Math.abs(numeric)));
      if (error > worst.maxError() || worst.worstIndex() < 0) {
        worst = new Result(error, i, analytic[i], numeric);
      }
    }
    return worst;
  }
}
