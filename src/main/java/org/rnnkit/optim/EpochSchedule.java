package org.rnnkit.optim;

/**
 * A learning rate that is a function of the epoch alone, {@code lr(e)} with {@code lr(0)} the
 * optimizer's learning rate when the schedule is made, as PyTorch's epoch schedulers in their
 * closed form ({@code _get_closed_form_lr}).
 *
 * <p>Call order: make the optimizer, make the schedule on it (epoch 0, learning rate unchanged),
 * then after each epoch of training call {@link #step()}, which moves to the next epoch and sets
 * the optimizer's learning rate to {@code lr(epoch)}.
 *
 * <p>Departure from PyTorch: PyTorch's {@code step()} computes the rate recursively from the
 * current one, so several schedulers can be chained on one optimizer and a rate set by hand is
 * carried forward. Here each step sets the closed form, which differs from PyTorch's recursion only
 * in rounding (about 1e-16 relative) when the schedule alone drives the rate, and overwrites a rate
 * set by hand.
 */
public abstract class EpochSchedule {
  private final Optimizer optimizer;
  private final double initialLearningRate;
  private int epoch;

  /**
   * @param optimizer Modified by {@link #step()}; its current learning rate becomes {@code lr(0)}.
   */
  protected EpochSchedule(Optimizer optimizer) {
    if (optimizer == null) {
      throw new IllegalArgumentException("a learning-rate schedule needs an optimizer, got null");
    }
    this.optimizer = optimizer;
    this.initialLearningRate = optimizer.learningRate();
  }

  /**
   * The learning rate at {@code epoch}; does not change the optimizer.
   *
   * @param epoch at least 0
   */
  public abstract double learningRate(int epoch);

  /** Moves to the next epoch and sets the optimizer's learning rate for it. */
  public final void step() {
    epoch++;
    optimizer.setLearningRate(learningRate(epoch));
  }

  /** Epochs stepped so far; 0 right after construction. */
  public final int epoch() {
    return epoch;
  }

  /** {@code lr(0)}: the optimizer's learning rate when this schedule was made. */
  public final double initialLearningRate() {
    return initialLearningRate;
  }

  /** Fails on a negative epoch, for {@link #learningRate(int)}. */
  static void requireEpoch(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be at least 0, got " + epoch);
    }
  }
}
