package org.rnnkit.optim;

/**
 * Thrown by {@link GradientClipping#apply} with {@link GradientClipping#failOnNonFinite()} when the
 * global gradient norm is NaN or infinite, before any gradient is changed, so a trainer can stop
 * and keep the last good parameters.
 */
public final class NonFiniteGradientException extends ArithmeticException {
  private static final long serialVersionUID = 1L;
  private final double norm;

  NonFiniteGradientException(double norm, String message) {
    super(message);
    this.norm = norm;
  }

  /** The global norm that was found: NaN or infinite. */
  public double norm() {
    return norm;
  }
}
