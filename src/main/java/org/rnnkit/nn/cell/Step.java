package org.rnnkit.nn.cell;

/**
 * What a {@link Cell} sees of one time step t: the rows of some sequences of the batch ({@link
 * #rows()} of them, r = 0..rows-1) in the buffers the layer keeps for backpropagation through time.
 * The layer moves the view from step to step; the cell only reads and writes through it.
 *
 * <p>Buffers and how a row r is found in them:
 *
 * <table>
 *   <caption>Buffers of a step view (H hidden size, G gate count, W = G*H)</caption>
 *   <tr><th>buffer</th><th>what</th><th>index of (r, gate g, j)</th></tr>
 *   <tr><td>{@link #gates()}</td><td>gate pre-activations, replaced by gate values</td>
 *       <td>{@code gate(r, g) + j}</td></tr>
 *   <tr><td>{@link #inputProducts()}, {@link #recurrentProducts()}</td>
 *       <td>{@code x[t] W_ih^T} and {@code h[t-1] W_hh^T}, no biases</td><td>same</td></tr>
 *   <tr><td>{@link #dInputPre()}, {@link #dRecurrentPre()}</td>
 *       <td>{@code dL/da_x[t]}, {@code dL/da_h[t]}, written by backward</td><td>same</td></tr>
 *   <tr><td>{@link #hidden()}, {@link #memory()}</td><td>{@code h}, {@code c}</td>
 *       <td>{@code state(r) + j} at t, {@code previousState(r) + j} at t-1</td></tr>
 *   <tr><td>{@link #memoryTanh()}</td><td>{@code tanh(c[t])}</td><td>{@code state(r) + j}</td></tr>
 *   <tr><td>{@link #dHidden()}, {@link #dMemory()}, {@link #dHiddenDirect()}</td>
 *       <td>{@code dL/dh[t]}, {@code dL/dc[t]} (replaced by {@code dL/dc[t-1]}), the part of
 *       {@code dL/dh[t-1]} not through {@code W_hh}</td><td>{@code carried(r) + j}</td></tr>
 * </table>
 *
 * <p>For the variants (see {@link Cell}): {@link #cache()} ({@code cache(r)}, the cell's {@link
 * Cell#cacheWidth()} doubles per row and step), and for a cell with a gated block {@link
 * #gatedState()}, {@link #gatedProducts()}, {@link #dGatedProducts()} and {@link #dGatedState()},
 * each {@code (T*B) x H} and indexed as {@link #state(int)}.
 *
 * <p>Rows r and r+1 follow each other in every buffer: the gate buffers with stride {@link
 * #gateWidth()}, the others with stride H.
 */
public interface Step {
  /** The sequences of this view. */
  int rows();

  /** H. */
  int hiddenSize();

  /** {@code G*H}: the row stride of the gate buffers. */
  int gateWidth();

  /** Index of row r's gate g (its value for j = 0) in the gate buffers. */
  int gate(int r, int g);

  /** Index of row r's {@code h[t]} (and {@code c[t]}, {@code tanh(c[t])}). */
  int state(int r);

  /** Index of row r's {@code h[t-1]} (and {@code c[t-1]}); the initial state at t = 0. */
  int previousState(int r);

  /** Index of row r in the per-step gradients ({@code dL/dh[t]}, {@code dL/dc}, direct part). */
  int carried(int r);

  /**
   * Writes every gate pre-activation of this view's rows into {@link #gates()}: {@code x[t] W_ih^T
   * + b_ih + h[t-1] W_hh^T + b_hh} (the products are already summed when the cell {@linkplain
   * Cell#sumsPreActivations() sums} them).
   */
  void sumPreActivations();

  double[] gates();

  /** {@code x[t] W_ih^T}; not to be modified. Empty when the cell sums the products. */
  double[] inputProducts();

  /** {@code h[t-1] W_hh^T} (with {@code x[t] W_ih^T} added when the cell sums them). */
  double[] recurrentProducts();

  /** {@code b_ih}, {@code 1 x W}; zeros for a layer without biases; not to be modified. */
  double[] inputBias();

  /** {@code b_hh}, {@code 1 x W}; zeros for a layer without biases; not to be modified. */
  double[] recurrentBias();

  double[] hidden();

  double[] memory();

  double[] memoryTanh();

  /** {@code dL/dh[t]}, total (from above and from t+1); not to be modified. */
  double[] dHidden();

  double[] dMemory();

  double[] dHiddenDirect();

  double[] dInputPre();

  double[] dRecurrentPre();

  /** Index of row r's first cached value in {@link #cache()}. */
  int cache(int r);

  /** The cell's per-step cache, {@link Cell#cacheWidth()} doubles per row. */
  double[] cache();

  /** {@code s[t]}, the state the gated block's product is taken on (e.g. {@code r * h[t-1]}). */
  double[] gatedState();

  /** {@code s[t] W_hk^T}, no bias. */
  double[] gatedProducts();

  /** {@code dL/d(s[t] W_hk^T)}, written by {@link Cell#backwardGate}. */
  double[] dGatedProducts();

  /** {@code dL/ds[t]}, formed by the layer before {@link Cell#backward}; not to be modified. */
  double[] dGatedState();
}
