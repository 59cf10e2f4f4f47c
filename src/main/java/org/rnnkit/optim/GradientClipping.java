package org.rnnkit.optim;

import java.util.List;
import java.util.Locale;
import org.rnnkit.nn.Parameter;

/**
 * Gradient clipping as its own training step, between backward and {@link Optimizer#step}, as
 * PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_} (1.13). The global
 * norm is over all parameters' gradients together, as if they were one vector:
 *
 * <pre>
 *   norm = sqrt(sum_p ||g_p||^2)
 *   by norm:   c = maxNorm / (norm + 1e-6);  g = c * g  for every gradient, when c &lt; 1
 *   by value:  g = min(max(g, -maxValue), maxValue)  elementwise
 * </pre>
 *
 * <p>Clipping by norm keeps the gradient's direction and bounds the step, which tames exploding
 * gradients in recurrent networks (Pascanu, Mikolov and Bengio 2013, "On the difficulty of training
 * recurrent neural networks"). Clipping by value bounds each element and may turn the direction.
 *
 * <p>One departure from PyTorch: when the norm is NaN or infinite, clipping by norm leaves the
 * gradients as they are (PyTorch multiplies them by NaN or 0); use {@link #failOnNonFinite()} to
 * stop instead. Immutable.
 */
public final class GradientClipping {
  /** PyTorch's guard against division by a zero norm in {@code clip_grad_norm_}. */
  private static final double NORM_EPSILON = 1e-6;

  private enum Mode {
    NORM,
    VALUE
  }

  private final Mode mode;
  private final double max;
  private final boolean failOnNonFinite;

  private GradientClipping(Mode mode, double max, boolean failOnNonFinite) {
    this.mode = mode;
    this.max = max;
    this.failOnNonFinite = failOnNonFinite;
  }

  /**
   * Rescales all gradients together so that their global norm is at most about {@code maxNorm}, as
   * {@code clip_grad_norm_(parameters, maxNorm)}.
   *
   * @param maxNorm greater than 0; {@code Double.POSITIVE_INFINITY} never clips
   */
  public static GradientClipping byNorm(double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException(
          "max norm must be > 0, got %s; values around 1 to 5 are usual for recurrent networks"
              .formatted(maxNorm));
    }
    return new GradientClipping(Mode.NORM, maxNorm, false);
  }

  /**
   * Clamps every gradient element to {@code [-maxValue, maxValue]}, as {@code
   * clip_grad_value_(parameters, maxValue)}.
   *
   * @param maxValue greater than 0; {@code Double.POSITIVE_INFINITY} never clips
   */
  public static GradientClipping byValue(double maxValue) {
    if (!(maxValue > 0)) {
      throw new IllegalArgumentException(
          "max value must be > 0, got %s; it bounds each gradient element to [-max, max]"
              .formatted(maxValue));
    }
    return new GradientClipping(Mode.VALUE, maxValue, false);
  }

  /**
   * The same clipping, but {@link #apply} throws {@link NonFiniteGradientException} when the global
   * norm is NaN or infinite, as PyTorch's {@code error_if_nonfinite=True}.
   */
  public GradientClipping failOnNonFinite() {
    return new GradientClipping(mode, max, true);
  }

  /**
   * Clips the gradients in place.
   *
   * @param parameters Modified: gradients are clipped; values are not modified.
   * @return the global L2 norm of the gradients before clipping
   * @throws NonFiniteGradientException with {@link #failOnNonFinite()}, if that norm is NaN or
   *     infinite; no gradient is changed then
   */
  public double apply(List<Parameter> parameters) {
    double norm = globalNorm(parameters);
    if (failOnNonFinite && !Double.isFinite(norm)) {
      throw new NonFiniteGradientException(
          norm,
          ("the global gradient norm is %s (first non-finite gradient in %s); lower the learning"
                  + " rate, clip sooner or check the data for NaN")
              .formatted(norm, firstNonFinite(parameters)));
    }
    if (mode == Mode.NORM) {
      double coefficient = max / (norm + NORM_EPSILON);
      if (coefficient < 1 && Double.isFinite(norm)) {
        // g = c * g, with c = maxNorm / (norm + 1e-6)
        for (Parameter p : parameters) {
          scaleEquals(p, coefficient);
        }
      }
    } else {
      for (Parameter p : parameters) {
        clampEquals(p, max);
      }
    }
    return norm;
  }

  /**
   * The L2 norm of all gradients as one vector, {@code sqrt(sum_p ||g_p||^2)}. Each parameter's
   * norm is computed scaled by its largest element, so it overflows only if the result does.
   *
   * @param parameters Not modified.
   * @return the norm; NaN if any gradient element is NaN, else infinite if any is infinite
   */
  public static double globalNorm(List<Parameter> parameters) {
    double[] norms = new double[parameters.size()];
    for (int i = 0; i < norms.length; i++) {
      Parameter p = parameters.get(i);
      norms[i] = l2Norm(p.grad().data, p.size());
    }
    return l2Norm(norms, norms.length);
  }

  /** {@code ||x||_2}, as {@code scale * sqrt(sum (x / scale)^2)} with {@code scale = max |x|}. */
  private static double l2Norm(double[] x, int n) {
    double scale = 0;
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.abs(x[i]));
    }
    if (scale == 0 || !Double.isFinite(scale)) {
      return scale;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = x[i] / scale;
      sum += r * r;
    }
    return scale * Math.sqrt(sum);
  }

  private static void scaleEquals(Parameter p, double coefficient) {
    double[] g = p.grad().data;
    for (int i = 0; i < p.size(); i++) {
      g[i] *= coefficient;
    }
  }

  private static void clampEquals(Parameter p, double max) {
    double[] g = p.grad().data;
    for (int i = 0; i < p.size(); i++) {
      g[i] = Math.max(-max, Math.min(max, g[i]));
    }
  }

  private static String firstNonFinite(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      double[] g = p.grad().data;
      for (int i = 0; i < p.size(); i++) {
        if (!Double.isFinite(g[i])) {
          return "%s, element %d, which is %s".formatted(p.name(), i, g[i]);
        }
      }
    }
    return "none";
  }

  @Override
  public String toString() {
    return "GradientClipping[by %s, max %s%s]"
        .formatted(
            mode.name().toLowerCase(Locale.ROOT),
            max,
            failOnNonFinite ? ", fail on non-finite" : "");
  }
}
