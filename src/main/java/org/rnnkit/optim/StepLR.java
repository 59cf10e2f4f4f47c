package org.rnnkit.optim;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs, as {@code
 * torch.optim.lr_scheduler.StepLR}:
 *
 * <pre>
 *   lr(e) = lr(0) * gamma^floor(e / stepSize)
 * </pre>
 */
public final class StepLR extends EpochSchedule {
  private final int stepSize;
  private final double gamma;

  /**
   * @param optimizer Modified by {@link #step()}.
   * @param stepSize epochs between decays, at least 1
   * @param gamma factor per decay, finite and greater than 0 (PyTorch's default 0.1)
   */
  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    super(optimizer);
    this.stepSize =
        Hyperparameters.atLeastOne("StepLR step size", stepSize, "it counts epochs between decays");
    this.gamma = Hyperparameters.positive("StepLR gamma", gamma, "PyTorch's default is 0.1");
  }

  /** Decay by PyTorch's default factor 0.1. */
  public StepLR(Optimizer optimizer, int stepSize) {
    this(optimizer, stepSize, 0.1);
  }

  @Override
  public double learningRate(int epoch) {
    requireEpoch(epoch);
    return initialLearningRate() * Math.pow(gamma, epoch / stepSize);
  }
}
