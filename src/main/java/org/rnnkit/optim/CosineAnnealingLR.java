package org.rnnkit.optim;

/**
 * Anneals the learning rate from {@code lr(0)} to {@code etaMin} along half a cosine over {@code
 * tMax} epochs, as {@code torch.optim.lr_scheduler.CosineAnnealingLR} (the schedule of Loshchilov
 * and Hutter 2017, "SGDR: Stochastic Gradient Descent with Warm Restarts", without the restarts):
 *
 * <pre>
 *   lr(e) = etaMin + (lr(0) - etaMin) * (1 + cos(pi * e / tMax)) / 2
 * </pre>
 *
 * Past {@code tMax} the rate rises again along the same cosine, as in PyTorch; it reaches {@code
 * lr(0)} at {@code 2 * tMax}.
 */
public final class CosineAnnealingLR extends EpochSchedule {
  private final int tMax;
  private final double etaMin;

  /**
   * @param optimizer Modified by {@link #step()}.
   * @param tMax epochs from {@code lr(0)} down to {@code etaMin}, at least 1
   * @param etaMin the lowest rate, finite and at least 0 (PyTorch's default 0)
   */
  public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
    super(optimizer);
    this.tMax =
        Hyperparameters.atLeastOne(
            "CosineAnnealingLR tMax", tMax, "it is the number of epochs of one annealing");
    this.etaMin =
        Hyperparameters.nonNegative("CosineAnnealingLR etaMin", etaMin, "PyTorch's default is 0");
  }

  /** Annealing down to 0, PyTorch's default {@code eta_min}. */
  public CosineAnnealingLR(Optimizer optimizer, int tMax) {
    this(optimizer, tMax, 0);
  }

  @Override
  public double learningRate(int epoch) {
    requireEpoch(epoch);
    double initial = initialLearningRate();
    return etaMin + (initial - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
  }
}
