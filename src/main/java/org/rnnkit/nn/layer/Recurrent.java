package org.rnnkit.nn.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rnnkit.nn.Initializer;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Randomized;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.Cell;
import org.rnnkit.nn.linalg.Block;
import org.rnnkit.nn.linalg.MatMul;
import org.rnnkit.nn.linalg.Op;

/**
 * One recurrent layer in one direction: unrolls a {@link Cell} over every step of a batch and
 * backpropagates through time (BPTT) through every step.
 *
 * <p>The layer owns every matrix product; the time-independent ones run once per sequence over all
 * {@code T*B} rows, only the recurrent product runs per step:
 *
 * <pre>
 *   forward:   P_x = X W_ih^T                              (one GEMM, (T*B x I)(I x G*H))
 *              for t: p_h[t] = h[t-1] W_hh^T;  state[t] = cell(p_x[t] + b_ih, p_h[t] + b_hh, state[t-1])
 *   backward:  for t = T-1..0: dh[t] = dOut[t] + dh_next;  cell backward -> da_x[t], da_h[t]
 *                              dh_next = da_h[t] W_hh (+ h[t-1]'s direct part, GRU)
 *              (RNN, LSTM: da_h = da_x, one buffer; see Cell#sumsPreActivations)
 *              dW_ih += dA_x^T X,  dW_hh += dA_h^T H_prev,  dX = dA_x W_ih   (three GEMMs)
 * </pre>
 *
 * <p>A cell's own parameters ({@link Cell#parameters()}, e.g. layer-normalisation gains) follow the
 * layer's in {@link #parameters()}; their gradients are added after the backward loop. A cell with
 * a gated block k ({@link Cell#gatedBlock()}, the reset-before GRU) gets one more product per step,
 * on its gated state {@code s[t]} (e.g. {@code r * h[t-1]}), with {@code W_hk} (rows {@code k*H ..
 * k*H+H-1} of {@code W_hh}) used in place:
 *
 * <pre>
 *   forward:   cell.forwardGate -> s[t];  p_k[t] = s[t] W_hk^T;  cell.forward
 *   backward:  cell.backwardGate -> dp_k[t];  ds[t] = dp_k[t] W_hk;  cell.backward
 *              dW_hk += dP_k^T S,  db_hk += column sums of dP_k
 * </pre>
 *
 * <p>{@link #forward} and {@link #backward} are those two loops. What makes them fast lives beside
 * them: {@link Unrolled} keeps every buffer (reused across batches, the output handed out as a view
 * where allowed) and gives the cell a {@link org.rnnkit.nn.cell.Step} view of each step; {@link
 * Slices} runs each loop on slices of the batch side by side when {@link MatMul#threads()} allows.
 * Every product goes through {@link MatMul#current()} on {@link Block}s of the unrolled buffers (no
 * per-step copies); {@code W_hh} is handed to it once per pass as an {@link MatMul.Operand}.
 *
 * <p>A reverse layer reads the sequence from its last step to its first, as the backward half of
 * PyTorch's bidirectional modules: its output at step t summarises steps t..T-1. Over full-length
 * sequences it walks the input and its buffers back to front in place; a padded batch, whose
 * sequences each start from their own last step, goes through reversed copies. Parameters are named
 * as PyTorch's: {@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh} followed by
 * a suffix such as {@code _l0} or {@code _l1_reverse}.
 *
 * <p>An LSTM layer may project its state, as PyTorch's {@code proj_size} P &lt; H (Sak, Senior and
 * Beaufays 2014, "LSTMP"): the cell's output {@code o * tanh(c[t])} (H values) is mapped to {@code
 * h[t] = W_hr (o * tanh(c[t]))} (P values), which is what the layer outputs and feeds back, so
 * {@code W_hh} is {@code G*H x P}; c keeps H values. Per step this adds one product each way:
 *
 * <pre>
 *   forward:   m[t] = cell output;  h[t] = m[t] W_hr^T                  W_hr: P x H
 *   backward:  dh[t] = dOut[t] + dh_next (P values);  dm[t] = dh[t] W_hr -> cell backward
 *              dW_hr += dH^T M  (one GEMM over all steps)
 * </pre>
 */
public final class Recurrent implements Layer, Randomized {
  private final Cell cell;
  private final int inputSize;
  private final int hiddenSize;
  private final int stateSize;
  private final boolean reverse;
  private final Parameter weightIh;
  private final Parameter weightHh;
  private final Parameter biasIh;
  private final Parameter biasHh;
  private final Parameter weightHr;
  private final List<Parameter> parameters;

  private final Unrolled u;

  /** {@code W_hk} and its gradient for a cell with a gated block k, else null. */
  private final Block gatedWeight;

  private final Block gatedWeightGrad;

  /** Whether the cell has parameters of its own, whose gradients backward adds after its loop. */
  private final boolean cellHasParameters;

  /** {@code W_hh^T} (forward) and {@code W_hh} (backward), held for one pass. */
  private final MatMul.Operand recurrentWeightT = new MatMul.Operand();

  private final MatMul.Operand recurrentWeight = new MatMul.Operand();

  /** {@code W_hr^T} (forward) and {@code W_hr} (backward) of a projecting layer. */
  private final MatMul.Operand projectionT = new MatMul.Operand();

  private final MatMul.Operand projection = new MatMul.Operand();

  private VariationalDropout dropout = new VariationalDropout(0, 0);
  private final DMatrixRMaj columnSums = new DMatrixRMaj(1, 1);
  private boolean reuse;
  private State initialGradient;
  private HiddenGradientObserver observer;
  private boolean forwardDone;
  private int[] lengths;

  /**
   * @param cell the step's elementwise math
   * @param inputSize I, features per input step
   * @param hiddenSize H
   * @param bias whether {@code b_ih} and {@code b_hh} exist (PyTorch's {@code bias})
   * @param reverse true for the reverse direction of a bidirectional layer
   * @param suffix appended to parameter names, e.g. {@code _l0} or {@code _l0_reverse}
   */
  public Recurrent(
      Cell cell, int inputSize, int hiddenSize, boolean bias, boolean reverse, String suffix) {
    this(cell, inputSize, hiddenSize, 0, bias, reverse, suffix);
  }

  /**
   * @param projectionSize P: 0 for none, else {@code 1..H-1}, LSTM only (PyTorch's {@code
   *     proj_size}); then h has P values and the parameter {@code weight_hr} + suffix exists
   * @see #Recurrent(Cell, int, int, boolean, boolean, String)
   */
  public Recurrent(
      Cell cell,
      int inputSize,
      int hiddenSize,
      int projectionSize,
      boolean bias,
      boolean reverse,
      String suffix) {
    if (inputSize < 1 || hiddenSize < 1) {
      throw new IllegalArgumentException(
          "input and hidden sizes must be at least 1, got I=%d, H=%d"
              .formatted(inputSize, hiddenSize));
    }
    requireProjection(cell, projectionSize, hiddenSize);
    this.cell = cell;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.stateSize = projectionSize > 0 ? projectionSize : hiddenSize;
    this.reverse = reverse;
    int gateRows = cell.gateCount() * hiddenSize;
    weightIh = new Parameter("weight_ih" + suffix, gateRows, inputSize);
    weightHh = new Parameter("weight_hh" + suffix, gateRows, stateSize);
    biasIh = bias ? new Parameter("bias_ih" + suffix, 1, gateRows) : null;
    biasHh = bias ? new Parameter("bias_hh" + suffix, 1, gateRows) : null;
    weightHr =
        projectionSize > 0 ? new Parameter("weight_hr" + suffix, projectionSize, hiddenSize) : null;
    parameters = new ArrayList<>(List.of(weightIh, weightHh));
    u = new Unrolled(cell, hiddenSize, stateSize);
    if (bias) {
      parameters.add(biasIh);
      parameters.add(biasHh);
    }
    if (weightHr != null) {
      parameters.add(weightHr);
    }
    parameters.addAll(cell.parameters());
    cellHasParameters = !cell.parameters().isEmpty();
    int k = cell.gatedBlock();
    gatedWeight = k < 0 ? null : new Block(weightHh.value(), k * hiddenSize, hiddenSize);
    gatedWeightGrad = k < 0 ? null : new Block(weightHh.grad(), k * hiddenSize, hiddenSize);
  }

  /** Fails unless P is 0, or in {@code 1..H-1} for a cell with memory (PyTorch: LSTM only). */
  static void requireProjection(Cell cell, int projectionSize, int hiddenSize) {
    if (projectionSize == 0) {
      return;
    }
    if (projectionSize > 0 && !cell.hasMemory()) {
      throw new IllegalArgumentException(
          "a projection (proj_size %d) is an LSTM option; use an LSTM or projection size 0"
              .formatted(projectionSize));
    }
    if (projectionSize < 0 || projectionSize >= hiddenSize) {
      throw new IllegalArgumentException(
          "projection size must be 0 (none) or in 1..H-1 = 1..%d, got %d"
              .formatted(hiddenSize - 1, projectionSize));
    }
  }

  /**
   * PyTorch's default: every weight and bias ({@code W_hr} too) from {@code U(-1/sqrt(H),
   * 1/sqrt(H))}.
   */
  public void initialize(Random rng) {
    Initializer u = Initializer.uniform(1 / Math.sqrt(hiddenSize));
    initialize(u, u, u, rng);
  }

  /**
   * Fills {@code W_ih}, {@code W_hh} and both biases, gate block by gate block, in that order; then
   * a projection's {@code W_hr} with {@code inputWeights}; then the cell's own parameters ({@link
   * Cell#initialize}).
   *
   * @param rng Modified: consumed in parameter order, so a seed gives the same weights
   */
  public void initialize(
      Initializer inputWeights, Initializer recurrentWeights, Initializer biases, Random rng) {
    inputWeights.fill(weightIh.value(), hiddenSize, rng);
    recurrentWeights.fill(weightHh.value(), hiddenSize, rng);
    if (biasIh != null) {
      biases.fill(biasIh.value(), 1, rng);
      biases.fill(biasHh.value(), 1, rng);
    }
    if (weightHr != null) {
      inputWeights.fill(weightHr.value(), stateSize, rng);
    }
    cell.initialize(rng);
  }

  /**
   * Adds {@code amount} to the forget-gate block of {@code b_ih} (LSTM only; see {@link
   * Cell#raiseForgetGateBias}).
   */
  public void raiseForgetGateBias(double amount) {
    cell.raiseForgetGateBias(biasIh == null ? null : biasIh.value(), amount);
  }

  public Cell cell() {
    return cell;
  }

  public int inputSize() {
    return inputSize;
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  /** P, or 0 when the layer does not project its state. */
  public int projectionSize() {
    return weightHr == null ? 0 : stateSize;
  }

  /** Features of h, of each output step and of the initial state: P when projecting, else H. */
  public int outputSize() {
    return stateSize;
  }

  public boolean isReverse() {
    return reverse;
  }

  /**
   * Sets recurrent (variational) dropout (Gal and Ghahramani 2016): while training, in each
   * sequence one mask on the inputs and one on {@code h[t-1]}, each drawn once per forward pass (so
   * once per chunk under truncated BPTT) and used at every step of it; none at inference. See
   * {@code VariationalDropout} for the equations and what this means with one input feature.
   *
   * @param probability p in [0, 1); 0 turns it off
   * @param seed the mask stream's seed (see {@link #reseed})
   */
  public void setRecurrentDropout(double probability, long seed) {
    dropout = new VariationalDropout(probability, seed);
  }

  /** The recurrent dropout probability, 0 when off. */
  public double recurrentDropout() {
    return dropout.probability();
  }

  @Override
  public void reseed(long seed) {
    dropout.reseed(seed);
  }

  /**
   * Receives {@code dL/dh[t]} at every step of each backward pass, for diagnostics such as gradient
   * flow over time. It must not keep or modify the matrix it is given.
   */
  @FunctionalInterface
  public interface HiddenGradientObserver {
    /**
     * @param step t in the input's time order (for a reverse layer, {@code T-1-t} of processing
     *     order; exact for unpadded batches)
     * @param dHidden Not modified. {@code B x H}: the total {@code dL/dh[t]}, from the layer above
     *     and from step t+1 of processing order (of a projecting layer: {@code dL/dm[t]}, the
     *     gradient of the cell's output before the projection)
     */
    void onHiddenGradient(int step, DMatrixRMaj dHidden);
  }

  /**
   * Sets the observer called by {@link #backward} at every step, in processing order (last step
   * first); null removes it.
   */
  public void setHiddenGradientObserver(HiddenGradientObserver observer) {
    this.observer = observer;
  }

  @Override
  public List<Parameter> parameters() {
    return List.copyOf(parameters);
  }

  @Override
  public Sequence forward(Sequence x, boolean training) {
    return forward(x, null, training);
  }

  /**
   * Sets output reuse: with it on, the sequences {@link #forward} and {@link #backward} return are
   * this layer's buffers, valid until its next forward or backward (see {@link Layer}); the state
   * {@link #initialStateGradient()} returns is then reused too, valid until the next backward. With
   * it on, forward also keeps a reference to its input instead of a copy: the input must not change
   * until the matching backward.
   */
  @Override
  public void reuseBuffers(boolean reuse) {
    this.reuse = reuse;
  }

  /**
   * Runs the layer over every step.
   *
   * @param x Not modified. {@code T x B x I}.
   * @param initial Not modified. {@code h[-1]} ({@code B x P} when projecting, else {@code B x H})
   *     and {@code c[-1]} ({@code B x H}); null for zeros.
   * @return {@code h[t]} for every t, {@code T x B x H} ({@code x P}), in the input's time order
   */
  public Sequence forward(Sequence x, State initial) {
    return forward(x, initial, false);
  }

  /**
   * Runs the layer over every step; as {@link #forward(Sequence, State)}, with recurrent dropout
   * when {@code training}.
   */
  public Sequence forward(Sequence x, State initial, boolean training) {
    validateInput(x);
    validateState(initial, x.batch(), "initial state");
    lengths = x.lengths();
    u.reshape(x.steps(), x.batch(), reverse && lengths == null);
    // a reversed copy is the layer's own already: kept by reference
    DMatrixRMaj input =
        reversesCopies() ? u.keepInput(x.reversedInTime(), true) : u.keepInput(x, reuse);
    dropout.start(training, x.batch(), inputSize, stateSize);
    u.maskStates(dropout.active());
    if (dropout.active()) {
      // x[t] * m_x
      input = dropout.maskInput(input);
    }
    MatMul matMul = MatMul.current();
    // x[t] W_ih^T for all steps at once; the cell adds b_ih + b_hh as it combines the products
    matMul.multTransB(
        Block.of(input), Block.of(weightIh.value()), Block.of(u.inputProductTarget()));
    u.setBiases(biasIh == null ? null : biasIh.value(), biasHh == null ? null : biasHh.value());
    u.setInitialState(initial);
    recurrentWeightT.set(weightHh.value(), Op.T);
    if (weightHr != null) {
      projectionT.set(weightHr.value(), Op.T);
    }
    Slices.run(u, true, slice -> forwardLoop(matMul, slice));
    forwardDone = true;
    return reversesCopies()
        ? u.output(lengths, true, reuse).reversedInTime()
        : u.output(lengths, reuse, reuse);
  }

  /**
   * Whether the latest batch goes through reversed copies: a reverse layer's padded batch, each
   * sequence reversed from its own last step (a full-length one is read back to front in place).
   */
  private boolean reversesCopies() {
    return reverse && lengths != null;
  }

  /** The forward loop over time, for the sequences of one slice of the batch. */
  private void forwardLoop(MatMul matMul, Unrolled.View step) {
    for (int t = 0; t < u.steps(); t++) {
      step.at(t);
      Block previous = step.previousHiddenRows();
      if (dropout.active()) {
        // h[t-1] * m_h
        dropout.maskStates(previous, step.maskedPreviousRows(), step.from());
        previous = step.maskedPreviousRows();
      }
      if (cell.sumsPreActivations()) {
        // p[t] = x[t] W_ih^T + h[t-1] W_hh^T
        matMul.multAdd(previous, recurrentWeightT, step.productRows());
      } else {
        // p_h[t] = h[t-1] W_hh^T
        matMul.mult(previous, recurrentWeightT, step.productRows());
      }
      if (gatedWeight != null) {
        cell.forwardGate(step);
        // p_k[t] = s[t] W_hk^T
        matMul.multTransB(step.gatedStateRows(), gatedWeight, step.gatedProductRows());
      }
      cell.forward(step);
      if (weightHr != null) {
        // h[t] = m[t] W_hr^T
        matMul.mult(step.cellOutputRows(), projectionT, step.projectedRows());
      }
    }
  }

  /**
   * {@code h} (and {@code c}) after the last real step of each sequence in the latest forward (step
   * {@code length(b)-1} in processing order, as PyTorch's packed sequences).
   */
  public State finalState() {
    requireForward();
    DMatrixRMaj h = new DMatrixRMaj(u.batch(), stateSize);
    DMatrixRMaj c = cell.hasMemory() ? new DMatrixRMaj(u.batch(), hiddenSize) : null;
    for (int b = 0; b < u.batch(); b++) {
      int from = u.stateRow(lastStep(b), b);
      System.arraycopy(u.states().data, from * stateSize, h.data, b * stateSize, stateSize);
      if (c != null) {
        System.arraycopy(u.memory.data, from * hiddenSize, c.data, b * hiddenSize, hiddenSize);
      }
    }
    return new State(h, c);
  }

  private int lastStep(int b) {
    return (lengths == null ? u.steps() : lengths[b]) - 1;
  }

  @Override
  public Sequence backward(Sequence outputGradient) {
    return backward(outputGradient, null);
  }

  /**
   * Backpropagates through every step of the latest forward, adding parameter gradients.
   *
   * @param outputGradient Not modified. {@code dL/dh[t]} for every t, {@code T x B x H} ({@code x
   *     P} when projecting).
   * @param finalGradient Not modified. {@code dL/dh} (and {@code dL/dc}) of the final state; null
   *     for zeros.
   * @return {@code dL/dx}, {@code T x B x I}; {@link #initialStateGradient()} gives {@code dL/d
   *     h[-1]}
   */
  public Sequence backward(Sequence outputGradient, State finalGradient) {
    requireForward();
    int steps = u.steps();
    int batch = u.batch();
    if (outputGradient.steps() != steps
        || outputGradient.batch() != batch
        || outputGradient.features() != stateSize) {
      throw new IllegalArgumentException(
          "output gradient must be T=%d, B=%d, F=%d like the output, got %s"
              .formatted(steps, batch, stateSize, outputGradient.shape()));
    }
    validateState(finalGradient, batch, "final state gradient");
    Sequence dOut = outputGradient.withLengths(lengths);
    if (lengths != null) {
      // padded outputs are constant zeros: a gradient sent to them goes nowhere
      dOut = dOut.copy().zeroPadding();
    }
    double[] dOutput = (reversesCopies() ? dOut.reversedInTime() : dOut).values().data;
    MatMul matMul = MatMul.current();
    u.dHiddenNext.zero();
    u.dMemory.zero();
    recurrentWeight.set(weightHh.value(), Op.N);
    if (weightHr != null) {
      projection.set(weightHr.value(), Op.N);
    }
    Slices.run(u, observer == null, slice -> backwardLoop(matMul, slice, dOutput, finalGradient));
    initialGradient = u.initialStateGradient(reuse);

    DMatrixRMaj input = dropout.active() ? dropout.maskedInput() : u.input();
    DMatrixRMaj dRecurrent = u.dRecurrent();
    int rows = steps * batch;
    // dW_ih += dA_x^T X
    matMul.multAddTransA(Block.of(u.dInputPre), Block.of(input), Block.of(weightIh.grad()));
    if (dropout.active()) {
      // dW_hh += dA_h^T (H_prev * m_h): block k of the masked states is step k's h[t-1] * m_h
      matMul.multAddTransA(
          Block.of(dRecurrent), Block.of(u.maskedStates), Block.of(weightHh.grad()));
    } else if (u.backToFront()) {
      // dW_hh += dA_h^T H_prev: block k's previous state is block k+1 (h[-1] is block T)
      matMul.multAddTransA(
          Block.of(dRecurrent), new Block(u.states(), batch, rows), Block.of(weightHh.grad()));
    } else {
      // dW_hh += dA_h^T H_prev: steps 1..T-1 against h[0..T-2], then step 0 against h[-1]
      matMul.multAddTransA(
          new Block(dRecurrent, batch, rows - batch),
          new Block(u.states(), 0, rows - batch),
          Block.of(weightHh.grad()));
      matMul.multAddTransA(
          new Block(dRecurrent, 0, batch),
          new Block(u.states(), u.stateRow(-1, 0), batch),
          Block.of(weightHh.grad()));
    }
    if (weightHr != null) {
      // dW_hr += dH^T M: every step's dL/dh[t] against the cell's output m[t]
      matMul.multAddTransA(
          new Block(u.dProjected, 0, rows),
          new Block(u.hidden, 0, rows),
          Block.of(weightHr.grad()));
    }
    if (biasIh != null) {
      addBiasGradients();
    }
    if (gatedWeight != null) {
      addGatedGradients(matMul);
    }
    if (cellHasParameters) {
      Unrolled.View all = u.view(0, 1);
      for (int t = 0; t < steps; t++) {
        cell.addParameterGradients(all.at(t));
      }
    }
    // dX = dA_x W_ih
    DMatrixRMaj dx = u.inputGradient(inputSize, reuse);
    matMul.mult(Block.of(u.dInputPre), Block.of(weightIh.value()), Block.of(dx));
    if (dropout.active()) {
      // dX = (dA_x W_ih) * m_x
      dropout.maskInputGradient(dx);
    }
    Sequence dxs = new Sequence(steps, batch, inputSize, dx).withLengths(lengths);
    return reversesCopies() ? dxs.reversedInTime() : dxs;
  }

  /** The backward loop over time, last step first, for the sequences of one slice. */
  private void backwardLoop(
      MatMul matMul, Unrolled.View step, double[] dOutput, State finalGradient) {
    boolean projecting = weightHr != null;
    double[] dh = projecting ? u.dProjected.data : u.dHidden.data;
    double[] dhNext = u.dHiddenNext.data;
    double[] direct = u.dHiddenDirect.data;
    int first = step.carriedState(0);
    int last = first + step.rows() * stateSize;
    int block = u.batch() * stateSize;
    for (int t = u.steps() - 1; t >= 0; t--) {
      step.at(t);
      addFinalGradient(finalGradient, t, step);
      int out = u.block(t) * block;
      int to = projecting ? out : 0;
      for (int k = first; k < last; k++) {
        // dh[t] = dOut[t] + dh_next
        dh[to + k] = dOutput[out + k] + dhNext[k];
      }
      if (projecting) {
        // dm[t] = dh[t] W_hr: what reaches the cell's output
        matMul.mult(step.dProjectedRows(), projection, step.dHiddenRows());
      }
      if (observer != null) {
        observer.onHiddenGradient(reverse ? u.steps() - 1 - t : t, u.dHidden);
      }
      if (gatedWeight != null) {
        cell.backwardGate(step);
        // ds[t] = dp_k[t] W_hk
        matMul.mult(step.dGatedProductRows(), gatedWeight, step.dGatedStateRows());
      }
      cell.backward(step);
      // dh_next = da_h[t] W_hh (+ the direct part, GRU)
      matMul.mult(step.dRecurrentRows(), recurrentWeight, step.dHiddenNextRows());
      if (dropout.active()) {
        // through h[t-1] * m_h
        dropout.maskStates(step.dHiddenNextRows(), step.dHiddenNextRows(), step.from());
      }
      if (!cell.sumsPreActivations()) {
        for (int k = first; k < last; k++) {
          dhNext[k] += direct[k];
        }
      }
    }
  }

  /** Adds {@code dL/d final state} into the rows of the slice's sequences whose last step is t. */
  private void addFinalGradient(State finalGradient, int t, Unrolled.View step) {
    if (finalGradient == null) {
      return;
    }
    for (int b = step.from(); b < step.to(); b++) {
      if (lastStep(b) == t) {
        for (int j = b * stateSize; j < (b + 1) * stateSize; j++) {
          u.dHiddenNext.data[j] += finalGradient.hidden().data[j];
        }
        for (int j = b * hiddenSize; cell.hasMemory() && j < (b + 1) * hiddenSize; j++) {
          u.dMemory.data[j] += finalGradient.memory().data[j];
        }
      }
    }
  }

  /** db_ih += column sums of dA_x; db_hh += those of dA_h (the same sums when they are shared). */
  private void addBiasGradients() {
    columnSums.reshape(1, u.dInputPre.numCols);
    columnSums.zero();
    Slices.addColumnSums(u.dInputPre, columnSums);
    CommonOps_DDRM.addEquals(biasIh.grad(), columnSums);
    if (!cell.sumsPreActivations()) {
      columnSums.zero();
      Slices.addColumnSums(u.dRecurrentPre, columnSums);
    }
    CommonOps_DDRM.addEquals(biasHh.grad(), columnSums);
  }

  /**
   * The gated block's {@code dW_hk += dP_k^T S} and {@code db_hk += } column sums of {@code dP_k}.
   */
  private void addGatedGradients(MatMul matMul) {
    matMul.multAddTransA(Block.of(u.dGatedProducts), Block.of(u.gatedState), gatedWeightGrad);
    if (biasHh != null) {
      columnSums.reshape(1, hiddenSize);
      columnSums.zero();
      Slices.addColumnSums(u.dGatedProducts, columnSums);
      int offset = cell.gatedBlock() * hiddenSize;
      for (int j = 0; j < hiddenSize; j++) {
        biasHh.grad().data[offset + j] += columnSums.data[j];
      }
    }
  }

  /** {@code dL/dh[-1]} (and {@code dL/dc[-1]}) from the latest backward. */
  public State initialStateGradient() {
    if (initialGradient == null) {
      throw new IllegalStateException("call backward before asking for the initial state gradient");
    }
    return initialGradient;
  }

  private void validateInput(Sequence x) {
    if (x.features() != inputSize) {
      throw new IllegalArgumentException(
          "%s layer expects %d input features per step, got %s; set the input size to %d or fix the data"
              .formatted(cell.name(), inputSize, x.shape(), x.features()));
    }
    x.requireFinite("input");
  }

  private void validateState(State state, int batch, String what) {
    if (state == null) {
      return;
    }
    requireShape(
        state.hidden(), batch, stateSize, what + " h", weightHr != null ? "proj_size" : "hidden");
    if (cell.hasMemory()) {
      if (state.memory() == null) {
        throw new IllegalArgumentException(what + " of an LSTM needs both h and c; c is missing");
      }
      requireShape(state.memory(), batch, hiddenSize, what + " c", "hidden");
    }
  }

  private void requireShape(DMatrixRMaj m, int batch, int width, String what, String widthName) {
    if (m.numRows != batch || m.numCols != width) {
      throw new IllegalArgumentException(
          "%s must be %dx%d (batch x %s), got %dx%d"
              .formatted(what, batch, width, widthName, m.numRows, m.numCols));
    }
    for (int i = 0; i < m.getNumElements(); i++) {
      if (!Double.isFinite(m.data[i])) {
        throw new IllegalArgumentException(
            "%s has %s at row %d, column %d"
                .formatted(what, m.data[i], i / m.numCols, i % m.numCols));
      }
    }
  }

  private void requireForward() {
    if (!forwardDone) {
      throw new IllegalStateException("call forward before backward or finalState");
    }
  }
}
