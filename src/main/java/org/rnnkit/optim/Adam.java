package org.rnnkit.optim;

/**
 * Adam, as {@code torch.optim.Adam} in PyTorch 1.13: Kingma and Ba (2015), "Adam: A Method for
 * Stochastic Optimization", with the AMSGrad variant of Reddi, Kale and Kumar (2018), "On the
 * Convergence of Adam and Beyond". Weight decay is an L2 penalty folded into the gradient before
 * the moments ({@code g = g + wd * w}); for decoupled decay use {@link AdamW}. The update itself is
 * in {@link AdamMoments}:
 *
 * <pre>
 *   g = g + wd * w
 *   m = beta1 * m + (1 - beta1) * g,   v = beta2 * v + (1 - beta2) * g^2,   vMax = max(vMax, v)
 *   w = w - (lr / (1 - beta1^t)) * m / (sqrt(amsgrad ? vMax : v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>As in PyTorch, {@code eps} is added after the bias correction of {@code sqrt(v)}, so it is the
 * paper's epsilon-hat. State per parameter: {@code exp_avg}, {@code exp_avg_sq} and, with amsgrad,
 * {@code max_exp_avg_sq}.
 */
public final class Adam extends AbstractOptimizer {
  private final Config config;

  /**
   * The hyperparameters of {@link Adam} and {@link AdamW}, immutable; {@link #defaults()} gives
   * PyTorch's Adam defaults, {@link AdamW#defaults()} AdamW's.
   *
   * @param learningRate lr, finite and at least 0 (default 0.001)
   * @param beta1 decay of the first moment, in [0, 1) (default 0.9)
   * @param beta2 decay of the second moment, in [0, 1) (default 0.999)
   * @param eps added to the denominator, finite and at least 0 (default 1e-8)
   * @param weightDecay wd, finite and at least 0 (Adam's default 0, AdamW's 0.01)
   * @param amsgrad use the running maximum of the second moment (default false)
   */
  public record Config(
      double learningRate,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad) {
    public Config {
      Hyperparameters.nonNegative("Adam learning rate", learningRate, "PyTorch's default is 0.001");
      Hyperparameters.decayRate("Adam beta1", beta1, "PyTorch's default is 0.9");
      Hyperparameters.decayRate("Adam beta2", beta2, "PyTorch's default is 0.999");
      Hyperparameters.nonNegative("Adam eps", eps, "PyTorch's default is 1e-8");
      Hyperparameters.nonNegative(
          "Adam weight decay", weightDecay, "PyTorch's default is 0 (Adam) or 0.01 (AdamW)");
    }

    /** PyTorch's Adam defaults: lr 0.001, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Config defaults() {
      return new Config(1e-3, 0.9, 0.999, 1e-8, 0, false);
    }

    public Config withLearningRate(double value) {
      return new Config(value, beta1, beta2, eps, weightDecay, amsgrad);
    }

    public Config withBetas(double first, double second) {
      return new Config(learningRate, first, second, eps, weightDecay, amsgrad);
    }

    public Config withEps(double value) {
      return new Config(learningRate, beta1, beta2, value, weightDecay, amsgrad);
    }

    public Config withWeightDecay(double value) {
      return new Config(learningRate, beta1, beta2, eps, value, amsgrad);
    }

    public Config withAmsgrad(boolean value) {
      return new Config(learningRate, beta1, beta2, eps, weightDecay, value);
    }
  }

  public Adam(Config config) {
    super(config.learningRate(), AdamMoments.bufferNames(config.amsgrad()));
    this.config = config;
  }

  /** Adam with PyTorch's defaults. */
  public Adam() {
    this(Config.defaults());
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  void update(double[] w, double[] g, int n, long step, double[][] buffers) {
    double[] decayed = withWeightDecay(w, g, n, config.weightDecay());
    AdamMoments.update(w, decayed, n, step, buffers, learningRate(), config);
  }
}
