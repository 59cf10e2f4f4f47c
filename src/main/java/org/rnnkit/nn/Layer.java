package org.rnnkit.nn;

import java.util.List;

/**
 * A differentiable map from one {@link Sequence} to another.
 *
 * <p>Call order: {@link #forward} keeps what the matching {@link #backward} needs; {@code backward}
 * must follow the latest {@code forward}, adds parameter gradients into each {@link
 * Parameter#grad()} (so gradients from several batches accumulate until zeroed) and returns the
 * gradient with respect to the layer's input.
 */
public interface Layer {

  /**
   * @param input Not modified.
   * @param training true during training (dropout active), false at inference
   * @return the output; owned by the caller
   */
  Sequence forward(Sequence input, boolean training);

  /**
   * @param outputGradient Not modified. d loss / d output of the latest forward.
   * @return d loss / d input of the latest forward
   */
  Sequence backward(Sequence outputGradient);

  /** The trainable parameters, in a fixed order; empty for a parameter-free layer. */
  List<Parameter> parameters();
}
