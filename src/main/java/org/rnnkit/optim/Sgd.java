package org.rnnkit.optim;

import java.util.List;
import org.rnnkit.nn.Parameter;

/**
 * Plain stochastic gradient descent, as {@code torch.optim.SGD(lr)} with no momentum: {@code p <- p
 * - lr * dL/dp}.
 */
public final class Sgd implements Optimizer {
  private final double learningRate;

  public Sgd(double learningRate) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be a positive number, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  @Override
  public void step(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      double[] w = p.value().data;
      double[] g = p.grad().data;
      for (int i = 0; i < p.size(); i++) {
        w[i] -= learningRate * g[i];
      }
    }
  }
}
