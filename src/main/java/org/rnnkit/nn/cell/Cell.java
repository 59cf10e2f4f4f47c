package org.rnnkit.nn.cell;

import org.ejml.data.DMatrixRMaj;

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
 * <p>The cell adds the biases ({@link Step#sumPreActivations}) in the same pass as its
 * nonlinearities, so no separate pass over the products is needed.
 *
 * <p>Call order for one sequence: the layer fills the input products, the biases and the initial
 * state, then for t = 0..T-1 fills step t's recurrent products and calls {@link #forward}; backward
 * walks t = T-1..0, sets {@code dL/dh[t]} (and {@code dL/dc[t]}) and calls {@link #backward}. A
 * step view holds some of the batch's sequences: views of disjoint sequences may run on different
 * threads at once (every sequence's recurrence is independent).
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
   * they then share one gradient, which {@link #backward} writes to {@link Step#dInputPre} alone,
   * and {@code h[t-1]} reaches the loss only through {@code a_h[t]}. False for the GRU, whose reset
   * gate multiplies part of {@code a_h[t]} and whose {@code h[t-1]} also feeds {@code h[t]}
   * directly.
   */
  boolean sumsPreActivations();

  /**
   * Computes {@code h[t]} (and {@code c[t]}) from step t's pre-activations and {@code h[t-1]},
   * keeping gate values for {@link #backward}.
   *
   * @param step Modified: its rows of the gates, {@code h[t]}, {@code c[t]}.
   */
  void forward(Step step);

  /**
   * Given {@code dL/dh[t]} (and {@code dL/dc[t]} in {@link Step#dMemory}), writes step t's {@code
   * dL/da_x}, and unless {@link #sumsPreActivations()} its {@code dL/da_h} and the direct part of
   * {@code dL/dh[t-1]}; replaces {@code dL/dc[t]} with {@code dL/dc[t-1]}.
   *
   * @param step Modified as described, in its rows only; {@code dL/dh[t]} is not modified.
   */
  void backward(Step step);

  /**
   * Adds {@code amount} to the forget-gate block of {@code b_ih}, so that the memory is kept by
   * default at the start of training (Gers et al. 2000; Jozefowicz et al. 2015). Only a cell with a
   * forget gate has one.
   *
   * @param inputBias Modified: {@code b_ih}, {@code 1 x G*H}.
   * @throws IllegalStateException for a cell without a forget gate
   */
  default void raiseForgetGateBias(DMatrixRMaj inputBias, double amount) {
    throw new IllegalStateException(
        "only an LSTM layer with biases has a forget-gate bias; this is " + name());
  }
}
