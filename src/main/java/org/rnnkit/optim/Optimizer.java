package org.rnnkit.optim;

import java.util.List;
import org.rnnkit.nn.Parameter;

/**
 * Updates parameters from their gradients. Call order per training step: zero the gradients,
 * forward, backward (gradients accumulate in each {@link Parameter#grad()}), then {@link #step}.
 */
public interface Optimizer {

  /**
   * @param parameters Modified: each value is updated from its gradient; gradients are not
   *     modified.
   */
  void step(List<Parameter> parameters);
}
