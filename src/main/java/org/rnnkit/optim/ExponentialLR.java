package org.rnnkit.optim;

/**
 * Decays the learning rate by {@code gamma} every epoch, as {@code
 * torch.optim.lr_scheduler.ExponentialLR}:
 *
 * <pre>
 *   lr(e) = lr(0) * gamma^e
 * </pre>
 */
public final class ExponentialLR extends EpochSchedule {
  private final double gamma;

  /**
   * @param optimizer Modified by {@link #step()}.
   * @param gamma factor per epoch, finite and greater than 0 (PyTorch has no default; 0.9 to 0.99
   *     is usual)
   */
  public ExponentialLR(Optimizer optimizer, double gamma) {
    super(optimizer);
    this.gamma =
        Hyperparameters.positive("ExponentialLR gamma", gamma, "values of 0.9 to 0.99 are usual");
  }

  @Override
  public double learningRate(int epoch) {
    requireEpoch(epoch);
    return initialLearningRate() * Math.pow(gamma, epoch);
  }
}
