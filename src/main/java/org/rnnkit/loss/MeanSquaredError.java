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
    if (prediction.steps() != target.steps()
        || prediction.batch() != target.batch()
        || prediction.features() != target.features()) {
      throw new IllegalArgumentException(
          "MSE needs prediction and target of one shape, got prediction %s and target %s"
              .formatted(prediction.shape(), target.shape()));
    }
    target.requireFinite("target");
    prediction.requireFinite("prediction");
    double[] y = prediction.values().data;
    double[] t = target.values().data;
    int features = prediction.features();
    boolean[] real = Masks.realRows(prediction, target);
    int n = Masks.count(real) * features;
    Sequence grad =
        new Sequence(prediction.steps(), prediction.batch(), features)
            .withLengths(prediction.lengths());
    double[] g = grad.values().data;
    double sum = 0;
    for (int row = 0; row < real.length; row++) {
      if (!real[row]) {
        continue;
      }
      for (int i = row * features; i < (row + 1) * features; i++) {
        double e = y[i] - t[i];
        sum += e * e;
        g[i] = 2 * e / n;
      }
    }
    return new Evaluation(sum / n, grad);
  }
}
