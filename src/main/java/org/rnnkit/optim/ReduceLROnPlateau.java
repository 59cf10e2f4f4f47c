package org.rnnkit.optim;

/**
 * Lowers the learning rate when a monitored metric stops improving, as {@code
 * torch.optim.lr_scheduler.ReduceLROnPlateau} in PyTorch 1.13.
 *
 * <p>Call order: after each epoch, {@link #step(double)} with the metric (e.g. validation loss). An
 * epoch improves on the best so far when, in mode MIN,
 *
 * <pre>
 *   relative threshold:  metric &lt; best * (1 - threshold)
 *   absolute threshold:  metric &lt; best - threshold
 * </pre>
 *
 * (MAX mirrors: {@code metric > best * (1 + threshold)}, {@code metric > best + threshold}). Every
 * other epoch is bad; bad epochs during a cooldown are not counted. When more than {@code patience}
 * consecutive epochs are bad, the rate becomes {@code max(lr * factor, minLr)} (skipped when that
 * changes it by no more than {@code eps}), the count restarts and a cooldown of {@code cooldown}
 * epochs begins.
 *
 * <p>Departure from PyTorch: a NaN metric is rejected instead of counted as a bad epoch, since it
 * means training has diverged and a smaller rate will not repair the parameters.
 */
public final class ReduceLROnPlateau {
  /** Whether a lower or a higher metric is better. */
  public enum Mode {
    /** Lower is better (a loss). */
    MIN,
    /** Higher is better (an accuracy). */
    MAX
  }

  /** How {@code threshold} measures a significant improvement. */
  public enum ThresholdMode {
    /** By a fraction of the best value. */
    RELATIVE,
    /** By an amount in the metric's units. */
    ABSOLUTE
  }

  /**
   * The settings, immutable; {@link #defaults()} gives PyTorch's.
   *
   * @param mode MIN (default) or MAX
   * @param factor multiplies the rate on a plateau, in [0, 1) (default 0.1)
   * @param patience bad epochs tolerated before reducing, at least 0 (default 10)
   * @param threshold the least improvement that counts, finite and at least 0 (default 1e-4)
   * @param thresholdMode RELATIVE (default) or ABSOLUTE
   * @param cooldown epochs after a reduction in which bad epochs are not counted, at least 0
   *     (default 0)
   * @param minLr the rate is never reduced below this, finite and at least 0 (default 0)
   * @param eps reductions that change the rate by no more than this are skipped, finite and at
   *     least 0 (default 1e-8)
   */
  public record Config(
      Mode mode,
      double factor,
      int patience,
      double threshold,
      ThresholdMode thresholdMode,
      int cooldown,
      double minLr,
      double eps) {
    public Config {
      if (mode == null || thresholdMode == null) {
        throw new IllegalArgumentException(
            "ReduceLROnPlateau mode and threshold mode are required, got %s and %s"
                .formatted(mode, thresholdMode));
      }
      Hyperparameters.decayRate("ReduceLROnPlateau factor", factor, "PyTorch's default is 0.1");
      Hyperparameters.nonNegative(
          "ReduceLROnPlateau patience", patience, "PyTorch's default is 10");
      Hyperparameters.nonNegative(
          "ReduceLROnPlateau threshold", threshold, "PyTorch's default is 1e-4");
      Hyperparameters.nonNegative("ReduceLROnPlateau cooldown", cooldown, "PyTorch's default is 0");
      Hyperparameters.nonNegative("ReduceLROnPlateau minLr", minLr, "PyTorch's default is 0");
      Hyperparameters.nonNegative("ReduceLROnPlateau eps", eps, "PyTorch's default is 1e-8");
    }

    /** PyTorch's defaults: MIN, factor 0.1, patience 10, threshold 1e-4 relative, no cooldown. */
    public static Config defaults() {
      return new Config(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.RELATIVE, 0, 0, 1e-8);
    }

    public Config withMode(Mode value) {
      return new Config(value, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
    }

    public Config withFactor(double value) {
      return new Config(mode, value, patience, threshold, thresholdMode, cooldown, minLr, eps);
    }

    public Config withPatience(int value) {
      return new Config(mode, factor, value, threshold, thresholdMode, cooldown, minLr, eps);
    }

    public Config withThreshold(double value, ThresholdMode valueMode) {
      return new Config(mode, factor, patience, value, valueMode, cooldown, minLr, eps);
    }

    public Config withCooldown(int value) {
      return new Config(mode, factor, patience, threshold, thresholdMode, value, minLr, eps);
    }

    public Config withMinLr(double value) {
      return new Config(mode, factor, patience, threshold, thresholdMode, cooldown, value, eps);
    }

    public Config withEps(double value) {
      return new Config(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, value);
    }
  }

  private final Optimizer optimizer;
  private final Config config;
  private double best;
  private int badEpochs;
  private int cooldownLeft;
  private int epoch;

  /**
   * @param optimizer Modified by {@link #step(double)}.
   */
  public ReduceLROnPlateau(Optimizer optimizer, Config config) {
    if (optimizer == null || config == null) {
      throw new IllegalArgumentException(
          "ReduceLROnPlateau needs an optimizer and a config, got %s and %s"
              .formatted(optimizer, config));
    }
    this.optimizer = optimizer;
    this.config = config;
    this.best = config.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** With PyTorch's defaults. */
  public ReduceLROnPlateau(Optimizer optimizer) {
    this(optimizer, Config.defaults());
  }

  /**
   * Records one epoch's metric and lowers the optimizer's learning rate on a plateau.
   *
   * @param metric the monitored value; not NaN
   * @return true if this call lowered the learning rate
   */
  public boolean step(double metric) {
    if (Double.isNaN(metric)) {
      throw new IllegalArgumentException(
          ("ReduceLROnPlateau got a NaN metric at epoch %d; training has diverged, restore the"
                  + " last good parameters or lower the learning rate")
              .formatted(epoch + 1));
    }
    epoch++;
    if (improves(metric)) {
      best = metric;
      badEpochs = 0;
    } else {
      badEpochs++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      badEpochs = 0;
    }
    if (badEpochs <= config.patience()) {
      return false;
    }
    cooldownLeft = config.cooldown();
    badEpochs = 0;
    return reduce();
  }

  private boolean improves(double metric) {
    double t = config.threshold();
    boolean relative = config.thresholdMode() == ThresholdMode.RELATIVE;
    if (config.mode() == Mode.MIN) {
      return metric < (relative ? best * (1 - t) : best - t);
    }
    return metric > (relative ? best * (1 + t) : best + t);
  }

  // lr = max(lr * factor, minLr), unless that changes it by eps or less
  private boolean reduce() {
    double old = optimizer.learningRate();
    double lowered = Math.max(old * config.factor(), config.minLr());
    if (old - lowered <= config.eps()) {
      return false;
    }
    optimizer.setLearningRate(lowered);
    return true;
  }

  public Config config() {
    return config;
  }

  /** The best metric so far; infinite (the worst value) before the first step. */
  public double best() {
    return best;
  }

  /** Consecutive bad epochs counted so far. */
  public int badEpochs() {
    return badEpochs;
  }

  /** Epochs stepped so far. */
  public int epoch() {
    return epoch;
  }
}
