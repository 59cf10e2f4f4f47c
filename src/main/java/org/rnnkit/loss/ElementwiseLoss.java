package org.rnnkit.loss;

import org.rnnkit.nn.Sequence;

/**
 * A loss that is the mean of one function of each element's error, as PyTorch's elementwise losses
 * with reduction "mean":
 *
 * <pre>
 *   L = (1/N) sum_i rho(y_i - t_i),     dL/dy_i = rho'(y_i - t_i) / N,     N = T * B * F
 * </pre>
 *
 * Prediction and target have the same shape. When the prediction (or else the target) is padded
 * ({@link Sequence#lengths()}), padded steps count neither in the sum nor in N, and get zero
 * gradient. Subclasses give {@code rho} and {@code rho'}.
 */
public abstract sealed class ElementwiseLoss implements Loss
    permits MeanSquaredError, MeanAbsoluteError, HuberLoss {

  /** The loss's name in error messages, e.g. "MSE". */
  abstract String name();

  /** {@code rho(e)}, one element's term. */
  abstract double term(double error);

  /** {@code rho'(e)}, its derivative (a subgradient where rho has a kink). */
  abstract double slope(double error);

  @Override
  public final Evaluation evaluate(Sequence prediction, Sequence target) {
    Sequence grad =
        new Sequence(prediction.steps(), prediction.batch(), prediction.features())
            .withLengths(prediction.lengths());
    return new Evaluation(evaluate(prediction, target, grad), grad);
  }

  /**
   * The loss, with {@code dL/d prediction} written into {@code gradient}: {@link
   * #evaluate(Sequence, Sequence)} without allocating, for training loops that keep one gradient
   * buffer.
   *
   * @param prediction Not modified.
   * @param target Not modified. Same shape as the prediction.
   * @param gradient Modified: every element is written (0 at padded steps). Same shape.
   * @return the mean of the terms
   */
  public final double evaluate(Sequence prediction, Sequence target, Sequence gradient) {
    if (prediction.steps() != target.steps()
        || prediction.batch() != target.batch()
        || prediction.features() != target.features()) {
      throw new IllegalArgumentException(
          "%s needs prediction and target of one shape, got prediction %s and target %s"
              .formatted(name(), prediction.shape(), target.shape()));
    }
    if (gradient.steps() != prediction.steps()
        || gradient.batch() != prediction.batch()
        || gradient.features() != prediction.features()) {
      throw new IllegalArgumentException(
          "%s gradient buffer must be %s like the prediction, got %s"
              .formatted(name(), prediction.shape(), gradient.shape()));
    }
    target.requireFinite("target");
    prediction.requireFinite("prediction");
    double[] y = prediction.values().data;
    double[] t = target.values().data;
    double[] g = gradient.values().data;
    int features = prediction.features();
    int batch = prediction.batch();
    boolean padded = prediction.lengths() != null || target.lengths() != null;
    Sequence masked = prediction.lengths() != null ? prediction : target;
    int rows = prediction.steps() * batch;
    int n = 0;
    for (int row = 0; row < rows; row++) {
      n += !padded || masked.isReal(row / batch, row % batch) ? features : 0;
    }
    double sum = 0;
    for (int row = 0; row < rows; row++) {
      boolean real = !padded || masked.isReal(row / batch, row % batch);
      for (int i = row * features; i < (row + 1) * features; i++) {
        double e = y[i] - t[i];
        sum += real ? term(e) : 0;
        g[i] = real ? slope(e) / n : 0;
      }
    }
    return sum / n;
  }
}
