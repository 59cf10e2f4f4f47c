package org.rnnkit.loss;

import org.rnnkit.nn.Sequence;

/**
 * Mean squared error over every element, as {@code torch.nn.MSELoss()} (reduction "mean"):
 *
 * <pre>
 *   L = (1/N) sum_i (y_i - t_i)^2,     dL/dy_i = 2 (y_i - t_i) / N,     N = T * B * F
 * </pre>
 *
 * Prediction and target have the same shape.
 */
public final class MeanSquaredError implements Loss {

  @Override
  public Evaluation evaluate(Sequence prediction, Sequence target) {
    if (prediction.steps() != target.steps()
        || prediction.batch() != target.batch()
        || prediction.features() != target.features()) {
      throw new IllegalArgumentException(
          "MSE needs prediction and target of one shape, got prediction %s and target %s"
              .formatted(prediction.shape(), target.shape()));
    }
    target.requireFinite("target");
    double[] y = prediction.values().data;
    double[] t = target.values().data;
    int n = prediction.values().getNumElements();
    Sequence grad = new Sequence(prediction.steps(), prediction.batch(), prediction.features());
    double[] g = grad.values().data;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double e = y[i] - t[i];
      sum += e * e;
      g[i] = 2 * e / n;
    }
    return new Evaluation(sum / n, grad);
  }
}
