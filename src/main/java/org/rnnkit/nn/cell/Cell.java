package org.rnnkit.nn.cell;

/**
 * The elementwise part of one recurrent step. The layer that unrolls the cell owns every matrix
 * product; a cell only combines the two pre-activations with the previous state:
 *
 * <pre>
 *   x[t] W_ih^T                          (layer, one GEMM over all steps)
 *   h[t-1] W_hh^T                        (layer, one GEMM per step)
 *   a_x[t] = x[t] W_ih^T + b_ih,  a_h[t] = h[t-1] W_hh^T + b_hh
 *   state[t] = combine(a_x[t], a_h[t], state[t-1])   (cell)
 * </pre>
 *
 * <p>The cell adds the biases ({@link Unrolled#sumPreActivations}, {@link Unrolled#inputBias}) in
 * the same pass as its nonlinearities, so no separate pass over the products is needed.
 *
 * <p>Call order for one sequence: the layer fills {@link Unrolled#inputPre}, the biases and the
 * initial states, then for t = 0..T-1 fills block t of {@link Unrolled#recurrentPre} and calls
 * {@link #forward}; backward walks t = T-1..0, sets {@link Unrolled#dHidden} (and {@link
 * Unrolled#dMemory}) and calls {@link #backward}.
 */
public interface Cell {

  /** A short name: {@code rnn_tanh}, {@code rnn_relu}, {@code lstm}, {@code gru}. */
  String name();

  /** {@code G}: the number of H-row blocks stacked in {@code W_ih}, {@code W_hh} and biases. */
  int gateCount();

  /** True when the state has a memory {@code c} beside {@code h} (LSTM). */
  boolean hasMemory();

  /**
   * True when {@code a_x[t]} and {@code a_h[t]} enter the cell only through their sum (RNN, LSTM):
   * they then share one gradient, which {@link #backward} writes to {@link Unrolled#dInputPre}
   * alone, and {@code h[t-1]} reaches the loss only through {@code a_h[t]}. False for the GRU,
   * whose reset gate multiplies part of {@code a_h[t]} and whose {@code h[t-1]} also feeds {@code
   * h[t]} directly.
   */
  boolean sumsPreActivations();

  /**
   * Computes {@code h[t]} (and {@code c[t]}) from block t of the pre-activations and {@code
   * h[t-1]}, keeping gate values for {@link #backward}.
   *
   * @param u Modified: block t of gates, {@code h[t]}, {@code c[t]}.
   */
  default void forward(Unrolled u, int t) {
    forward(u, t, 0, u.batch());
  }

  /**
   * {@link #forward(Unrolled, int)} for sequences {@code from .. to-1} of the batch only; disjoint
   * ranges may run on different threads (every sequence's recurrence is independent).
   *
   * @param u Modified: the rows of those sequences in block t of gates, {@code h[t]}, {@code c[t]}.
   */
  void forward(Unrolled u, int t, int from, int to);

  /**
   * Given {@code dL/dh[t]} in {@link Unrolled#dHidden} (and {@code dL/dc[t]} in {@link
   * Unrolled#dMemory}), writes block t of {@code dInputPre}, and unless {@link
   * #sumsPreActivations()} block t of {@code dRecurrentPre} and {@link Unrolled#dHiddenDirect};
   * replaces {@code dMemory} with {@code dL/dc[t-1]}.
   *
   * @param u Modified as described; {@code dHidden} is not modified.
   */
  default void backward(Unrolled u, int t) {
    backward(u, t, 0, u.batch());
  }

  /**
   * {@link #backward(Unrolled, int)} for sequences {@code from .. to-1} of the batch only, writing
   * only their rows; disjoint ranges may run on different threads.
   *
   * @param u Modified as described, in the rows of those sequences.
   */
  void backward(Unrolled u, int t, int from, int to);
}
