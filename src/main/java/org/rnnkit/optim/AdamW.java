package org.rnnkit.optim;

/**
 * Adam with decoupled weight decay, as {@code torch.optim.AdamW} in PyTorch 1.13: Loshchilov and
 * Hutter (2019), "Decoupled Weight Decay Regularization". The weights shrink by {@code lr * wd}
 * before, and apart from, the Adam step, so decay does not pass through the adaptive denominator:
 *
 * <pre>
 *   w = w * (1 - lr * wd)
 *   m = beta1 * m + (1 - beta1) * g,   v = beta2 * v + (1 - beta2) * g^2,   vMax = max(vMax, v)
 *   w = w - (lr / (1 - beta1^t)) * m / (sqrt(amsgrad ? vMax : v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>As in PyTorch the decay is scaled by the current learning rate, so a schedule scales it too.
 * Hyperparameters are an {@link Adam.Config}; {@link #defaults()} differs from Adam's only in
 * weight decay, 0.01. State per parameter as {@link Adam}.
 */
public final class AdamW extends AbstractOptimizer {
  private final Adam.Config config;

  /** PyTorch's AdamW defaults: lr 0.001, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
  public static Adam.Config defaults() {
    return Adam.Config.defaults().withWeightDecay(0.01);
  }

  public AdamW(Adam.Config config) {
    super(config.learningRate(), AdamMoments.bufferNames(config.amsgrad()));
    this.config = config;
  }

  /** AdamW with PyTorch's defaults. */
  public AdamW() {
    this(defaults());
  }

  @Override
  public Adam.Config config() {
    return config;
  }

  @Override
  void update(double[] w, double[] g, int n, long step, double[][] buffers) {
    double lr = learningRate();
    // w = w * (1 - lr * wd)
    double shrink = 1 - lr * config.weightDecay();
    for (int i = 0; i < n; i++) {
      w[i] *= shrink;
    }
    AdamMoments.update(w, g, n, step, buffers, lr, config);
  }
}
