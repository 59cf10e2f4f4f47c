package org.rnnkit.optim;

import java.util.Arrays;
import java.util.List;

/**
 * Adagrad, as {@code torch.optim.Adagrad} in PyTorch 1.13: Duchi, Hazan and Singer (2011),
 * "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization". At a parameter's
 * step {@code t}:
 *
 * <pre>
 *   g = g + wd * w
 *   lr_t = lr / (1 + (t - 1) * lr_decay)
 *   s = s + g^2                                   (sum, starts at initial_accumulator_value)
 *   w = w - lr_t * g / (sqrt(s) + eps)
 * </pre>
 *
 * State per parameter: {@code sum}.
 */
public final class Adagrad extends AbstractOptimizer {
  private final Config config;

  /**
   * The hyperparameters, immutable; {@link #defaults()} gives PyTorch's.
   *
   * @param learningRate lr, finite and at least 0 (default 0.01)
   * @param learningRateDecay lr_decay, finite and at least 0 (default 0)
   * @param weightDecay wd, finite and at least 0 (default 0)
   * @param initialAccumulatorValue the starting value of every entry of {@code s}, finite and at
   *     least 0 (default 0)
   * @param eps added to the denominator, finite and at least 0 (default 1e-10)
   */
  public record Config(
      double learningRate,
      double learningRateDecay,
      double weightDecay,
      double initialAccumulatorValue,
      double eps) {
    public Config {
      Hyperparameters.nonNegative(
          "Adagrad learning rate", learningRate, "PyTorch's default is 0.01");
      Hyperparameters.nonNegative(
          "Adagrad learning rate decay", learningRateDecay, "PyTorch's default is 0");
      Hyperparameters.nonNegative("Adagrad weight decay", weightDecay, "PyTorch's default is 0");
      Hyperparameters.nonNegative(
          "Adagrad initial accumulator value", initialAccumulatorValue, "PyTorch's default is 0");
      Hyperparameters.nonNegative("Adagrad eps", eps, "PyTorch's default is 1e-10");
    }

    /** PyTorch's defaults: lr 0.01, no decay of either kind, accumulator from 0, eps 1e-10. */
    public static Config defaults() {
      return new Config(1e-2, 0, 0, 0, 1e-10);
    }

    public Config withLearningRate(double value) {
      return new Config(value, learningRateDecay, weightDecay, initialAccumulatorValue, eps);
    }

    public Config withLearningRateDecay(double value) {
      return new Config(learningRate, value, weightDecay, initialAccumulatorValue, eps);
    }

    public Config withWeightDecay(double value) {
      return new Config(learningRate, learningRateDecay, value, initialAccumulatorValue, eps);
    }

    public Config withInitialAccumulatorValue(double value) {
      return new Config(learningRate, learningRateDecay, weightDecay, value, eps);
    }

    public Config withEps(double value) {
      return new Config(
          learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, value);
    }
  }

  public Adagrad(Config config) {
    super(config.learningRate(), List.of("sum"));
    this.config = config;
  }

  /** Adagrad with PyTorch's defaults. */
  public Adagrad() {
    this(Config.defaults());
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  void initialise(double[][] buffers) {
    Arrays.fill(buffers[0], config.initialAccumulatorValue());
  }

  @Override
  void update(double[] w, double[] g, int n, long step, double[][] buffers) {
    double[] d = withWeightDecay(w, g, n, config.weightDecay());
    double[] s = buffers[0];
    double lr = learningRate() / (1 + (step - 1) * config.learningRateDecay());
    for (int i = 0; i < n; i++) {
      s[i] += d[i] * d[i];
      w[i] -= lr * (d[i] / (Math.sqrt(s[i]) + config.eps()));
    }
  }
}
