package org.rnnkit.loss;

import org.rnnkit.nn.Sequence;

/**
 * Mean squared error over every element, as {@code torch.nn.MSELoss()} (reduction "mean"):
 *
 * <pre>
 *   L = (1/N) sum_i (y_i - t_i)^2,     dL/dy_i = 2 (y_i - t_i) / N,     N = T * B * F
 * </pre>
 *
 * Prediction and target have the same shape. When the prediction is padded ({@link
 * Sequence#lengths()}), padded steps count neither in the sum nor in N, and get zero gradient.
 */
public final class MeanSquaredError implements Loss {

  @Override
  public Evaluation evaluate(Sequence prediction, Sequence target) {
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
   * @return the mean squared error
   */
  public double evaluate(Sequence prediction, Sequence target, Sequence gradient) {
    if (prediction.steps() != target.steps()
        || prediction.batch() != target.batch()
        || prediction.features() != target.features()) {
      throw new IllegalArgumentException(
          "MSE needs prediction and target of one shape, got prediction %s and target %s"
              .formatted(prediction.shape(), target.shape()));
    }
    if (gradient.steps() != prediction.steps()
        || gradient.batch() != prediction.batch()
        || gradient.features() != prediction.features()) {
      throw new IllegalArgumentException(
          "MSE gradient buffer must be %s like the prediction, got %s"
              .formatted(prediction.shape(), gradient.shape()));
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
        sum += real ? e * e : 0;
        g[i] = real ? 2 * e / n : 0;
      }
    }
    return sum / n;
  }
}
