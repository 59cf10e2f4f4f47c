package org.rnnkit.loss;

/**
 * Mean absolute error over every element, as {@code torch.nn.L1Loss()} (reduction "mean"):
 *
 * <pre>
 *   L = (1/N) sum_i |y_i - t_i|,     dL/dy_i = sign(y_i - t_i) / N,     N = T * B * F
 * </pre>
 *
 * with {@code sign(0) = 0}, as PyTorch. Its minimiser is the conditional median, which suits
 * accuracy measured by absolute errors (MASE, sMAPE). Padded steps are left out as {@link
 * ElementwiseLoss} says.
 */
public final class MeanAbsoluteError extends ElementwiseLoss {

  @Override
  String name() {
    return "MAE";
  }

  @Override
  double term(double error) {
    return Math.abs(error);
  }

  @Override
  double slope(double error) {
    return Math.signum(error);
  }
}
