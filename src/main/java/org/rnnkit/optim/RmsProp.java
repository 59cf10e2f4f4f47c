package org.rnnkit.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop, as {@code torch.optim.RMSprop} in PyTorch 1.13: Hinton's lecture 6e of "Neural Networks
 * for Machine Learning" (2012), with the centered variant of Graves (2013), "Generating Sequences
 * With Recurrent Neural Networks". With smoothing constant {@code alpha} and momentum {@code mu}:
 *
 * <pre>
 *   g = g + wd * w
 *   s = alpha * s + (1 - alpha) * g^2                   (square_avg)
 *   a = alpha * a + (1 - alpha) * g                     (grad_avg, centered only)
 *   r = sqrt(s - a^2) + eps  (centered)   or   sqrt(s) + eps
 *   b = mu * b + g / r;  w = w - lr * b                 (momentum_buffer, when mu &gt; 0)
 *   w = w - lr * g / r                                  (when mu = 0)
 * </pre>
 *
 * <p>As in PyTorch, {@code eps} is added outside the square root. One departure: PyTorch accepts
 * any {@code alpha >= 0}, here it must be in [0, 1) like a beta, since {@code alpha >= 1} never
 * lets a gradient into {@code s}. State per parameter: {@code square_avg}, then {@code
 * momentum_buffer} when {@code mu > 0}, then {@code grad_avg} when centered.
 */
public final class RmsProp extends AbstractOptimizer {
  private static final String SQUARE_AVG = "square_avg";
  private static final String MOMENTUM_BUFFER = "momentum_buffer";
  private static final String GRAD_AVG = "grad_avg";
  private final Config config;

  /**
   * The hyperparameters, immutable; {@link #defaults()} gives PyTorch's.
   *
   * @param learningRate lr, finite and at least 0 (default 0.01)
   * @param alpha smoothing constant, in [0, 1) (default 0.99)
   * @param eps added to the denominator, finite and at least 0 (default 1e-8)
   * @param weightDecay wd, finite and at least 0 (default 0)
   * @param momentum mu, finite and at least 0 (default 0)
   * @param centered normalise by the estimated variance instead of the raw second moment (default
   *     false)
   */
  public record Config(
      double learningRate,
      double alpha,
      double eps,
      double weightDecay,
      double momentum,
      boolean centered) {
    public Config {
      Hyperparameters.nonNegative(
          "RMSprop learning rate", learningRate, "PyTorch's default is 0.01");
      Hyperparameters.decayRate("RMSprop alpha", alpha, "PyTorch's default is 0.99");
      Hyperparameters.nonNegative("RMSprop eps", eps, "PyTorch's default is 1e-8");
      Hyperparameters.nonNegative("RMSprop weight decay", weightDecay, "PyTorch's default is 0");
      Hyperparameters.nonNegative("RMSprop momentum", momentum, "PyTorch's default is 0");
    }

    /** PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8, no weight decay, no momentum. */
    public static Config defaults() {
      return new Config(1e-2, 0.99, 1e-8, 0, 0, false);
    }

    public Config withLearningRate(double value) {
      return new Config(value, alpha, eps, weightDecay, momentum, centered);
    }

    public Config withAlpha(double value) {
      return new Config(learningRate, value, eps, weightDecay, momentum, centered);
    }

    public Config withEps(double value) {
      return new Config(learningRate, alpha, value, weightDecay, momentum, centered);
    }

    public Config withWeightDecay(double value) {
      return new Config(learningRate, alpha, eps, value, momentum, centered);
    }

    public Config withMomentum(double value) {
      return new Config(learningRate, alpha, eps, weightDecay, value, centered);
    }

    public Config withCentered(boolean value) {
      return new Config(learningRate, alpha, eps, weightDecay, momentum, value);
    }
  }

  public RmsProp(Config config) {
    super(config.learningRate(), bufferNames(config));
    this.config = config;
  }

  /** RMSprop with PyTorch's defaults. */
  public RmsProp() {
    this(Config.defaults());
  }

  private static List<String> bufferNames(Config config) {
    List<String> names = new ArrayList<>(List.of(SQUARE_AVG));
    if (config.momentum() > 0) {
      names.add(MOMENTUM_BUFFER);
    }
    if (config.centered()) {
      names.add(GRAD_AVG);
    }
    return names;
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  void update(double[] w, double[] g, int n, long step, double[][] buffers) {
    double lr = learningRate();
    double alpha = config.alpha();
    double mu = config.momentum();
    double[] d = withWeightDecay(w, g, n, config.weightDecay());
    double[] s = buffers[0];
    double[] b = mu > 0 ? buffers[1] : null;
    double[] a = config.centered() ? buffers[buffers.length - 1] : null;
    for (int i = 0; i < n; i++) {
      s[i] = alpha * s[i] + (1 - alpha) * d[i] * d[i];
      double variance = s[i];
      if (a != null) {
        // centered: s - a^2 estimates the variance of g
        a[i] = alpha * a[i] + (1 - alpha) * d[i];
        variance = s[i] - a[i] * a[i];
      }
      double r = Math.sqrt(variance) + config.eps();
      if (b != null) {
        b[i] = mu * b[i] + d[i] / r;
        w[i] -= lr * b[i];
      } else {
        w[i] -= lr * (d[i] / r);
      }
    }
  }
}
