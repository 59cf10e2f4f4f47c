package org.rnnkit.optim;

import java.util.List;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay, as
 * {@code torch.optim.SGD} in PyTorch 1.13. For a parameter {@code w} with gradient {@code g}, at
 * its step {@code t}, with momentum {@code mu} and dampening {@code d}:
 *
 * <pre>
 *   g = g + wd * w                                   (when wd != 0)
 *   b = g                              if t = 1      (momentum buffer, when mu != 0)
 *   b = mu * b + (1 - d) * g           if t > 1
 *   g = g + mu * b  (Nesterov)    or   g = b  (classical momentum)
 *   w = w - lr * g
 * </pre>
 *
 * <p>Momentum follows PyTorch, not Sutskever et al. (2013), "On the importance of initialization
 * and momentum in deep learning": the learning rate scales the whole buffer instead of each
 * gradient entering it, so changing the learning rate takes effect at once. State per parameter:
 * {@code momentum_buffer} when {@code mu > 0}.
 */
public final class Sgd extends AbstractOptimizer {
  private static final String MOMENTUM_BUFFER = "momentum_buffer";
  private final Config config;

  /**
   * The hyperparameters, immutable. PyTorch has no default learning rate for SGD, so {@link #of}
   * asks for one; the rest default to PyTorch's: no momentum, no dampening, no Nesterov, no weight
   * decay.
   *
   * @param learningRate lr, finite and at least 0
   * @param momentum mu, finite and at least 0
   * @param dampening d, finite and at least 0; must be 0 with Nesterov
   * @param nesterov Nesterov momentum; needs {@code mu > 0} and {@code d = 0}, which {@link
   *     Sgd#Sgd(Config)} checks so that the {@code with} methods can be chained in any order
   * @param weightDecay wd, the L2 penalty coefficient, finite and at least 0
   */
  public record Config(
      double learningRate,
      double momentum,
      double dampening,
      boolean nesterov,
      double weightDecay) {
    public Config {
      Hyperparameters.nonNegative(
          "SGD learning rate", learningRate, "typical values are 0.01 to 0.1");
      Hyperparameters.nonNegative("SGD momentum", momentum, "use 0 for none or about 0.9");
      Hyperparameters.nonNegative("SGD dampening", dampening, "PyTorch's default is 0");
      Hyperparameters.nonNegative("SGD weight decay", weightDecay, "PyTorch's default is 0");
    }

    /** Plain SGD with learning rate {@code learningRate} and every other setting at its default. */
    public static Config of(double learningRate) {
      return new Config(learningRate, 0, 0, false, 0);
    }

    public Config withLearningRate(double value) {
      return new Config(value, momentum, dampening, nesterov, weightDecay);
    }

    public Config withMomentum(double value) {
      return new Config(learningRate, value, dampening, nesterov, weightDecay);
    }

    public Config withDampening(double value) {
      return new Config(learningRate, momentum, value, nesterov, weightDecay);
    }

    public Config withNesterov(boolean value) {
      return new Config(learningRate, momentum, dampening, value, weightDecay);
    }

    public Config withWeightDecay(double value) {
      return new Config(learningRate, momentum, dampening, nesterov, value);
    }
  }

  public Sgd(Config config) {
    super(config.learningRate(), config.momentum() > 0 ? List.of(MOMENTUM_BUFFER) : List.of());
    if (config.nesterov() && (config.momentum() == 0 || config.dampening() != 0)) {
      throw new IllegalArgumentException(
          ("Nesterov momentum needs momentum > 0 and dampening 0, got momentum %s and dampening"
                  + " %s; set momentum (e.g. 0.9) and leave dampening at 0, or turn Nesterov off")
              .formatted(config.momentum(), config.dampening()));
    }
    this.config = config;
  }

  /** Plain SGD, {@code w = w - lr * g}. */
  public Sgd(double learningRate) {
    this(Config.of(learningRate));
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  void update(double[] w, double[] g, int n, long step, double[][] buffers) {
    double lr = learningRate();
    double mu = config.momentum();
    double[] d = withWeightDecay(w, g, n, config.weightDecay());
    if (mu == 0) {
      // w = w - lr * g
      for (int i = 0; i < n; i++) {
        w[i] -= lr * d[i];
      }
      return;
    }
    double[] b = buffers[0];
    double keep = 1 - config.dampening();
    for (int i = 0; i < n; i++) {
      // b = g on the first step, else mu * b + (1 - dampening) * g
      b[i] = step == 1 ? d[i] : mu * b[i] + keep * d[i];
      double direction = config.nesterov() ? d[i] + mu * b[i] : b[i];
      w[i] -= lr * direction;
    }
  }
}
