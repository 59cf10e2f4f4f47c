package org.rnnkit.nn.cell;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.Parameter;

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
 *
 * <p>Variants plug in through three optional seams, each a default that the plain cells leave alone
 * (so their loops are unchanged):
 *
 * <ul>
 *   <li>parameters of their own ({@link #parameters()}: layer-normalisation gains and biases,
 *       peephole weights), whose gradients are added after the backward loop by {@link
 *       #addParameterGradients}, one step at a time over the whole batch, so the sums run in the
 *       same order whatever the number of threads;
 *   <li>a per-step cache ({@link #cacheWidth()} doubles per row, {@link Step#cache()}) for what
 *       their backward needs beyond gate values and states;
 *   <li>a recurrent product taken on a gated state ({@link #gatedBlock()}: the reset-before GRU's
 *       {@code (r * h[t-1]) W_hn^T}), which the layer computes between {@link #forwardGate} and
 *       {@link #forward}, and backpropagates between {@link #backwardGate} and {@link #backward}.
 * </ul>
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

  /**
   * The cell's own parameters beyond {@code W_ih}, {@code W_hh} and the biases; empty for the plain
   * cells. They are the layer's parameters too, after {@code W} and {@code b}.
   */
  default List<Parameter> parameters() {
    return List.of();
  }

  /**
   * Fills {@link #parameters()} with their default values (called after the layer's weights).
   *
   * @param rng Modified: consumed when a parameter is random.
   */
  default void initialize(Random rng) {}

  /** Doubles per row and step the cell keeps in {@link Step#cache()}; 0 for the plain cells. */
  default int cacheWidth() {
    return 0;
  }

  /**
   * After the backward loop, called for t = 0..T-1 with a view of the whole batch at step t: adds
   * step t's share of the gradients of {@link #parameters()}.
   *
   * @param step Not modified.
   */
  default void addParameterGradients(Step step) {}

  /**
   * The gate block whose recurrent product the layer takes on the gated state {@link
   * Step#gatedState()} instead of on {@code h[t-1]}, or -1 (every plain cell): its products are
   * then {@code s[t] W_hk^T} in {@link Step#gatedProducts()} with {@code W_hk} rows {@code k*H ..
   * k*H+H-1} of {@code W_hh}, and its block of {@link Step#recurrentProducts()} is unused.
   */
  default int gatedBlock() {
    return -1;
  }

  /**
   * First half of forward for a cell with a {@link #gatedBlock()}: writes the gated state {@code
   * s[t]} (and whatever gate values it needs) before the layer takes the gated product.
   *
   * @param step Modified: its rows of the gates and of {@link Step#gatedState()}.
   */
  default void forwardGate(Step step) {}

  /**
   * First half of backward for a cell with a {@link #gatedBlock()}: writes {@code dL/d} of the
   * gated products into {@link Step#dGatedProducts()}; the layer then forms {@link
   * Step#dGatedState()} before calling {@link #backward}.
   *
   * @param step Modified: its rows of {@link Step#dGatedProducts()}.
   */
  default void backwardGate(Step step) {}
}
