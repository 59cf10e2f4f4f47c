package org.rnnkit.train;

import java.util.List;
import org.rnnkit.nn.Parameter;
import org.rnnkit.optim.GradientClipping;
import org.rnnkit.optim.Optimizer;

/**
 * The second half of an update, applied to the gradient already in every parameter's {@link
 * Parameter#grad()} ({@link BatchGradient} is the first half): the divergence check, clipping (by
 * norm, then by value, as the config says), the optimizer step, and the check of the new weights.
 *
 * <pre>
 *   norm = ||g||_2 (all parameters as one vector), before clipping
 *   g = clip(g);   w = optimizer(w, g)
 * </pre>
 *
 * A non-finite loss or norm throws before anything changes; a step that makes a weight non-finite
 * is undone (the weights from before it are put back) and throws. Either way a {@link
 * TrainingDivergedException} names the epoch and batch.
 */
public final class UpdateStep {
  private final List<Parameter> parameters;
  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final WeightSnapshot lastGood;

  /**
   * @param parameters Modified by {@link #apply}: values stepped, gradients clipped
   * @param optimizer Modified by {@link #apply}: its state advances
   * @param config its clipNorm and clipValue are used
   */
  public UpdateStep(List<Parameter> parameters, Optimizer optimizer, TrainingConfig config) {
    this.parameters = parameters;
    this.optimizer = optimizer;
    this.config = config;
    this.lastGood = new WeightSnapshot(parameters);
  }

  /**
   * Clips the gradients and steps.
   *
   * @param loss the loss whose gradient the parameters hold, checked to be finite
   * @param epoch for the divergence message
   * @param batch for the divergence message (1-based)
   * @return the global gradient norm before clipping
   * @throws TrainingDivergedException if the loss or norm is not finite (nothing changed), or the
   *     step made a weight non-finite (the weights from before it are restored)
   */
  public double apply(double loss, int epoch, int batch) {
    double norm = GradientClipping.globalNorm(parameters);
    if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
      throw diverged(
          "the loss is %s and the gradient norm %s at epoch %d, batch %d"
              .formatted(loss, norm, epoch, batch));
    }
    if (config.clipNorm() > 0) {
      GradientClipping.byNorm(config.clipNorm()).apply(parameters);
    }
    if (config.clipValue() > 0) {
      GradientClipping.byValue(config.clipValue()).apply(parameters);
    }
    lastGood.capture();
    optimizer.step(parameters);
    if (!WeightSnapshot.allFinite(parameters)) {
      lastGood.restore();
      throw diverged(
          "an update made a weight non-finite at epoch %d, batch %d (gradient norm %s)"
              .formatted(epoch, batch, norm));
    }
    return norm;
  }

  private TrainingDivergedException diverged(String what) {
    return new TrainingDivergedException(
        "training diverged: %s. The weights of the last good update are kept. Lower the learning rate%s, or clip gradients by norm (e.g. 1.0)%s."
            .formatted(
                what,
                " (now " + optimizer.learningRate() + ")",
                config.clipNorm() > 0 ? " more tightly than " + config.clipNorm() : ""));
  }
}
