package org.rnnkit.loss;

/**
 * Mean squared error over every element, as {@code torch.nn.MSELoss()} (reduction "mean"):
 *
 * <pre>
 *   L = (1/N) sum_i (y_i - t_i)^2,     dL/dy_i = 2 (y_i - t_i) / N,     N = T * B * F
 * </pre>
 *
 * Padded steps are left out as {@link ElementwiseLoss} says.
 */
public final class MeanSquaredError extends ElementwiseLoss {

  @Override
  String name() {
    return "MSE";
  }

  @Override
  double term(double error) {
    return error * error;
  }

  @Override
  double slope(double error) {
    return 2 * error;
  }
}
