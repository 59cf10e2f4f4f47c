package org.rnnkit.nn;

import java.util.List;

/**
 * A differentiable map from one {@link Sequence} to another.
 *
 * <p>Call order: {@link #forward} keeps what the matching {@link #backward} needs; {@code backward}
 * must follow the latest {@code forward}, adds parameter gradients into each {@link
 * Parameter#grad()} (so gradients from several batches accumulate until zeroed) and returns the
 * gradient with respect to the layer's input.
 *
 * <p>Ownership: by default every returned {@link Sequence} is new and owned by the caller. After
 * {@link #reuseBuffers reuseBuffers(true)}, a layer that supports it returns its own buffers
 * instead: a returned sequence is then valid until the layer's next {@code forward} (for {@code
 * forward}'s result) or next {@code backward} (for {@code backward}'s), must not be modified, and
 * must be copied to be kept. Such a layer may also keep a reference to its input, not a copy, for
 * the matching {@code backward}: the input must not change in between (a model feeding each layer
 * the previous layer's result, or a batch that is refilled only after the step, satisfies this). A
 * training loop that uses each result once sets it, and then allocates nothing per step in steady
 * state.
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

  /**
   * Whether forward and backward may return this layer's own reused buffers instead of new
   * sequences (see the class comment); off by default. Layers without buffers ignore it.
   */
  default void reuseBuffers(boolean reuse) {}

  /** The trainable parameters, in a fixed order; empty for a parameter-free layer. */
  List<Parameter> parameters();
}
