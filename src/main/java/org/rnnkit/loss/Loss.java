package org.rnnkit.loss;

import org.rnnkit.nn.Sequence;

/** A scalar loss of a prediction against a target, with its gradient. */
public interface Loss {

  /** The loss value and {@code dL/d prediction}. */
  record Evaluation(double value, Sequence gradient) {}

  /**
   * @param prediction Not modified.
   * @param target Not modified. Its shape rules are the loss's own (see the implementation).
   */
  Evaluation evaluate(Sequence prediction, Sequence target);

  /** The loss value alone. */
  default double value(Sequence prediction, Sequence target) {
    return evaluate(prediction, target).value();
  }
}
