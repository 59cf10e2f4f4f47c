package org.rnnkit.optim;

import java.util.List;
import org.rnnkit.nn.Parameter;

/**
 * Updates parameters from their gradients, with PyTorch's update rules.
 *
 * <p>Call order per training step: zero the gradients, forward, backward (gradients accumulate in
 * each {@link Parameter#grad()}), optionally {@link GradientClipping#apply}, then {@link #step}. A
 * learning-rate schedule calls {@link #setLearningRate} between steps.
 *
 * <p>An optimizer keeps state per parameter, keyed by {@link Parameter#name()}: how many steps that
 * parameter has taken and buffers such as Adam's moments. The state of a parameter is created, with
 * PyTorch's initial values, the first time {@link #step} sees it. {@link #state()} and {@link
 * #loadState} save and restore it for checkpoints; a fresh optimizer loaded with a saved state
 * continues exactly where the saved one stopped.
 */
public interface Optimizer {

  /**
   * Takes one step: every parameter's value moves according to its gradient and its state.
   *
   * @param parameters Modified: each value is updated from its gradient, and the state kept under
   *     its name advances; gradients are not modified. Names must be distinct.
   */
  void step(List<Parameter> parameters);

  /** The current learning rate: the configured one until a schedule or caller changes it. */
  double learningRate();

  /**
   * Sets the learning rate used by the following steps; the state is kept.
   *
   * @param learningRate finite and at least 0
   */
  void setLearningRate(double learningRate);

  /** A deep copy of the per-parameter state; later steps do not change it. */
  OptimizerState state();

  /**
   * Replaces the whole per-parameter state by a copy of {@code state}. Each parameter's buffers
   * must be the ones this optimizer's configuration keeps (see {@link ParameterState}); their
   * lengths are checked against the parameters at the next {@link #step}.
   *
   * @param state Not modified.
   */
  void loadState(OptimizerState state);
}
