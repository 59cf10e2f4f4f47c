package org.rnnkit.loss;

/**
 * Huber loss over every element, as {@code torch.nn.HuberLoss(delta=δ)} (reduction "mean"): squared
 * near zero, absolute beyond δ,
 *
 * <pre>
 *   rho(e) = e^2 / 2             if |e| &lt;= δ
 *            δ (|e| - δ / 2)     otherwise
 *   rho'(e) = clamp(e, -δ, δ),     L = (1/N) sum_i rho(y_i - t_i),     N = T * B * F
 * </pre>
 *
 * Padded steps are left out as {@link ElementwiseLoss} says.
 */
public final class HuberLoss extends ElementwiseLoss {
  private final double delta;

  /**
   * @param delta δ, where the loss turns from squared to absolute; positive
   */
  public HuberLoss(double delta) {
    if (!(delta > 0) || !Double.isFinite(delta)) {
      throw new IllegalArgumentException("Huber's delta must be positive and finite, got " + delta);
    }
    this.delta = delta;
  }

  /** δ. */
  public double delta() {
    return delta;
  }

  @Override
  String name() {
    return "Huber";
  }

  @Override
  double term(double error) {
    double a = Math.abs(error);
    return a <= delta ? 0.5 * error * error : delta * (a - 0.5 * delta);
  }

  @Override
  double slope(double error) {
    return Math.max(-delta, Math.min(delta, error));
  }
}
