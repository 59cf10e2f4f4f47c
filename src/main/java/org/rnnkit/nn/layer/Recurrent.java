package org.rnnkit.nn.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.rnnkit.nn.Initializer;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.Cell;
import org.rnnkit.nn.cell.Unrolled;
import org.rnnkit.nn.linalg.MatMul;
import org.rnnkit.nn.linalg.Op;
import org.rnnkit.nn.linalg.Workers;

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
 * <p>Every product goes through {@link MatMul#current()} on row blocks of the unrolled buffers (no
 * per-step copies); {@code W_hh} is handed to it once per pass as an {@link MatMul.Operand}, so the
 * per-step products read it in the backend's own layout (no transposed copy per step).
 *
 * <p>A reverse layer reads the sequence from its last step to its first, as the backward half of
 * PyTorch's bidirectional modules: its output at step t summarises steps t..T-1. Parameters are
 * named as PyTorch's: {@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh}
 * followed by a suffix such as {@code _l0} or {@code _l1_reverse}.
 */
public final class Recurrent implements Layer {
  /** Below this many values a column-sum pass stays on one thread. */
  private static final int PARALLEL_COLUMN_SUMS = 1 << 16;

  private final Cell cell;
  private final int inputSize;
  private final int hiddenSize;
  private final boolean reverse;
  private final Parameter weightIh;
  private final Parameter weightHh;
  private final Parameter biasIh;
  private final Parameter biasHh;
  private final List<Parameter> parameters;

  private final Unrolled u = new Unrolled();
  private final DMatrixRMaj inputCopy = new DMatrixRMaj(1, 1);

  /**
   * x of the latest forward in processing order: this layer's own (a copy, or the reversed
   * sequence), or with reuse on the caller's values themselves.
   */
  private DMatrixRMaj input = inputCopy;

  private final DMatrixRMaj dhNext = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj output = new DMatrixRMaj(1, 1);

  /**
   * The output as a view of the state buffer's first T*B rows (see {@link #output(int, boolean)}).
   */
  private final DMatrixRMaj outputView = new DMatrixRMaj(1, 1);

  private final DMatrixRMaj inputGradient = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj initialHidden = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj initialMemory = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj columnSums = new DMatrixRMaj(1, 1);
  private MatMul matMul;
  private MatMul.Operand recurrentWeightT;
  private MatMul.Operand recurrentWeight;
  private MatMul.Accumulator inputProduct;
  private boolean reuse;
  private final IntConsumer forwardSlice = this::forwardSlice;
  private final IntConsumer backwardSlice = this::backwardSlice;
  private final IntConsumer columnSumsPart = this::columnSumsPart;

  private DMatrixRMaj summed;
  private int columnParts;
  private int slices = 1;
  private Sequence pendingOutputGradient;
  private State pendingFinalGradient;
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
    if (inputSize < 1 || hiddenSize < 1) {
      throw new IllegalArgumentException(
          "input and hidden sizes must be at least 1, got I=%d, H=%d"
              .formatted(inputSize, hiddenSize));
    }
    this.cell = cell;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.reverse = reverse;
    int gateRows = cell.gateCount() * hiddenSize;
    weightIh = new Parameter("weight_ih" + suffix, gateRows, inputSize);
    weightHh = new Parameter("weight_hh" + suffix, gateRows, hiddenSize);
    biasIh = bias ? new Parameter("bias_ih" + suffix, 1, gateRows) : null;
    biasHh = bias ? new Parameter("bias_hh" + suffix, 1, gateRows) : null;
    parameters = new ArrayList<>(List.of(weightIh, weightHh));
    if (bias) {
      parameters.add(biasIh);
      parameters.add(biasHh);
    }
  }

  /** PyTorch's default: every weight and bias from {@code U(-1/sqrt(H), 1/sqrt(H))}. */
  public void initialize(Random rng) {
    Initializer u = Initializer.uniform(1 / Math.sqrt(hiddenSize));
    initialize(u, u, u, rng);
  }

  /**
   * Fills {@code W_ih}, {@code W_hh} and both biases, gate block by gate block, in that order.
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
  }

  /**
   * Adds {@code amount} to the forget-gate block of {@code b_ih} (LSTM only), so that the memory is
   * kept by default at the start of training (Gers et al. 2000; Jozefowicz et al. 2015).
   */
  public void raiseForgetGateBias(double amount) {
    if (!cell.hasMemory() || biasIh == null) {
      throw new IllegalStateException(
          "only an LSTM layer with biases has a forget-gate bias; this is " + cell.name());
    }
    for (int j = hiddenSize; j < 2 * hiddenSize; j++) {
      biasIh.value().data[j] += amount;
    }
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

  public boolean isReverse() {
    return reverse;
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
     *     and from step t+1 of processing order
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
    return forward(x, null);
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
   * @param initial Not modified. {@code h[-1]} (and {@code c[-1]}), each {@code B x H}; null for
   *     zeros.
   * @return {@code h[t]} for every t, {@code T x B x H}, in the input's time order
   */
  public Sequence forward(Sequence x, State initial) {
    validateInput(x);
    int steps = x.steps();
    int batch = x.batch();
    validateState(initial, batch, "initial state");
    lengths = x.lengths();
    if (reverse) {
      input = x.reversedInTime().values(); // a new matrix already
    } else if (reuse) {
      input = x.values();
    } else {
      inputCopy.setTo(x.values());
      input = inputCopy;
    }
    u.reshape(steps, batch, hiddenSize, cell);
    useBackend();
    int rows = steps * batch;
    int width = u.gateWidth();

    // X W_ih^T, all steps at once; the cell adds b_ih + b_hh when it combines the products. A cell
    // that only sums them gets each step's recurrent product added onto X W_ih^T (inputProduct:
    // u.recurrentPre itself on the heap backends, native memory with copying OpenBLAS), others
    // read it from u.inputPre.
    if (cell.sumsPreActivations()) {
      matMul.gemm(Op.N, Op.T, rows, width, inputSize, input, 0, weightIh.value(), 0, inputProduct);
    } else {
      matMul.gemm(
          Op.N, Op.T, rows, width, inputSize, 0, input, 0, weightIh.value(), 0, u.inputPre, 0);
    }
    u.setBiases(biasIh == null ? null : biasIh.value(), biasHh == null ? null : biasHh.value());
    setBlock(u.hidden, steps, initial == null ? null : initial.hidden());
    if (cell.hasMemory()) {
      setBlock(u.memory, steps, initial == null ? null : initial.memory());
    }

    // W_hh^T for this pass, in the backend's layout
    recurrentWeightT.set(weightHh.value(), Op.T);
    runSlices(forwardSlice, true);
    forwardDone = true;

    return reverse ? output(rows, true).reversedInTime() : output(rows, reuse);
  }

  /**
   * h[0..T-1] of the latest forward: the state buffer's first T*B rows themselves where the caller
   * may not keep or change them ({@code view}: with reuse on, or when a reversed copy is made
   * anyway), unless padded steps must be zeroed; else a copy.
   */
  private Sequence output(int rows, boolean view) {
    DMatrixRMaj values;
    if (view && lengths == null) {
      values = outputView;
      values.data = u.hidden.data;
      values.numRows = rows;
      values.numCols = hiddenSize;
    } else {
      values = reuse ? output : new DMatrixRMaj(1, 1);
      values.reshape(rows, hiddenSize);
      System.arraycopy(u.hidden.data, 0, values.data, 0, rows * hiddenSize);
    }
    return new Sequence(u.steps(), u.batch(), hiddenSize, values)
        .withLengths(lengths)
        .zeroPadding();
  }

  /** The sequential loop over time for the sequences of slice {@code part}. */
  private void forwardSlice(int part) {
    int batch = u.batch();
    int from = part * batch / slices;
    int to = (part + 1) * batch / slices;
    for (int t = 0; t < u.steps(); t++) {
      // h[t-1] W_hh^T (+ x[t] W_ih^T) into block t of the pre-activations
      int row = t * batch + from;
      int previous = u.stateRow(t - 1, from);
      if (cell.sumsPreActivations()) {
        matMul.gemmAdd(
            Op.N,
            to - from,
            u.hidden,
            previous,
            recurrentWeightT,
            inputProduct,
            row,
            u.recurrentPre,
            row);
      } else {
        matMul.gemm(Op.N, to - from, 0, u.hidden, previous, recurrentWeightT, u.recurrentPre, row);
      }
      cell.forward(u, t, from, to);
    }
  }

  /**
   * Runs {@code body} over slices of the batch: side by side on {@link MatMul#threads()} threads
   * (each product then single-threaded), or as one slice.
   */
  private void runSlices(IntConsumer body, boolean mayParallelise) {
    int threads = Math.min(MatMul.threads(), Workers.MAX_PARTS);
    slices = mayParallelise && !Workers.busy() ? Math.min(threads, u.batch()) : 1;
    if (slices == 1) {
      body.accept(0);
      return;
    }
    // the products inside the slices see Workers.busy() and stay on their own thread
    Workers.run(slices, body);
  }

  /** Picks up the current backend, making this layer's operands for it when it changed. */
  private void useBackend() {
    MatMul current = MatMul.current();
    if (matMul != current) {
      matMul = current;
      recurrentWeightT = current.newOperand();
      recurrentWeight = current.newOperand();
      inputProduct = current.newAccumulator(u.recurrentPre);
    }
  }

  /**
   * {@code h} (and {@code c}) after the last real step of each sequence in the latest forward (step
   * {@code length(b)-1} in processing order, as PyTorch's packed sequences).
   */
  public State finalState() {
    requireForward();
    DMatrixRMaj h = new DMatrixRMaj(u.batch(), hiddenSize);
    DMatrixRMaj c = cell.hasMemory() ? new DMatrixRMaj(u.batch(), hiddenSize) : null;
    for (int b = 0; b < u.batch(); b++) {
      int from = u.stateRow(lastStep(b), b);
      System.arraycopy(u.hidden.data, from * hiddenSize, h.data, b * hiddenSize, hiddenSize);
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
   * @param outputGradient Not modified. {@code dL/dh[t]} for every t, {@code T x B x H}.
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
        || outputGradient.features() != hiddenSize) {
      throw new IllegalArgumentException(
          "output gradient must be T=%d, B=%d, F=%d like the output, got %s"
              .formatted(steps, batch, hiddenSize, outputGradient.shape()));
    }
    validateState(finalGradient, batch, "final state gradient");
    Sequence dOut = outputGradient.withLengths(lengths);
    if (lengths != null) {
      // padded outputs are constant zeros: a gradient sent to them goes nowhere
      dOut = dOut.copy().zeroPadding();
    }
    dOut = reverse ? dOut.reversedInTime() : dOut;
    useBackend();
    int rows = steps * batch;
    int width = u.gateWidth();

    dhNext.reshape(batch, hiddenSize);
    dhNext.zero();
    u.dMemory.zero();
    recurrentWeight.set(weightHh.value(), Op.N);
    pendingOutputGradient = dOut;
    pendingFinalGradient = finalGradient;
    runSlices(backwardSlice, observer == null);
    pendingOutputGradient = null;
    pendingFinalGradient = null;
    DMatrixRMaj h0 = reuse ? initialHidden : new DMatrixRMaj(1, 1);
    h0.setTo(dhNext);
    DMatrixRMaj c0 = null;
    if (cell.hasMemory()) {
      c0 = reuse ? initialMemory : new DMatrixRMaj(1, 1);
      c0.setTo(u.dMemory);
    }
    initialGradient = new State(h0, c0);

    // dW_ih += dA_x^T X;  dW_hh += dA_h^T H_prev: steps 1..T-1 against state blocks 0..T-2
    // (h[0]..h[T-2]), then step 0 against block T (h[-1])
    matMul.gemm(
        Op.T, Op.N, width, inputSize, rows, 1, u.dInputPre, 0, input, 0, weightIh.grad(), 0);
    DMatrixRMaj dRecurrent = recurrentPreGradient();
    matMul.gemm(
        Op.T,
        Op.N,
        width,
        hiddenSize,
        rows - batch,
        1,
        dRecurrent,
        batch,
        u.hidden,
        0,
        weightHh.grad(),
        0);
    matMul.gemm(
        Op.T,
        Op.N,
        width,
        hiddenSize,
        batch,
        1,
        dRecurrent,
        0,
        u.hidden,
        u.stateRow(-1, 0),
        weightHh.grad(),
        0);
    if (biasIh != null) {
      // db_ih += column sums of dA_x; db_hh += those of dA_h (the same sums when they are shared)
      columnSums.reshape(1, width);
      columnSums.zero();
      addColumnSums(u.dInputPre);
      CommonOps_DDRM.addEquals(biasIh.grad(), columnSums);
      if (!cell.sumsPreActivations()) {
        columnSums.zero();
        addColumnSums(u.dRecurrentPre);
      }
      CommonOps_DDRM.addEquals(biasHh.grad(), columnSums);
    }
    // dX = dA_x W_ih
    DMatrixRMaj dxValues = reuse ? inputGradient : new DMatrixRMaj(1, 1);
    dxValues.reshape(rows, inputSize);
    matMul.gemm(
        Op.N, Op.N, rows, inputSize, width, 0, u.dInputPre, 0, weightIh.value(), 0, dxValues, 0);
    Sequence dx = new Sequence(steps, batch, inputSize, dxValues).withLengths(lengths);
    return reverse ? dx.reversedInTime() : dx;
  }

  /** The backward loop over time for the sequences of slice {@code part}. */
  private void backwardSlice(int part) {
    int steps = u.steps();
    int batch = u.batch();
    int from = part * batch / slices;
    int to = (part + 1) * batch / slices;
    double[] dh = u.dHidden.data;
    double[] dOutData = pendingOutputGradient.values().data;
    int block = batch * hiddenSize;
    int first = from * hiddenSize;
    int last = to * hiddenSize;
    DMatrixRMaj dRecurrent = recurrentPreGradient();
    for (int t = steps - 1; t >= 0; t--) {
      addFinalGradient(pendingFinalGradient, t, from, to);
      // dh[t] = dOut[t] + dh_next
      for (int k = first; k < last; k++) {
        dh[k] = dOutData[t * block + k] + dhNext.data[k];
      }
      if (observer != null) {
        observer.onHiddenGradient(reverse ? steps - 1 - t : t, u.dHidden);
      }
      cell.backward(u, t, from, to);
      // dh_next = da_h[t] W_hh (+ the direct part, GRU)
      matMul.gemm(Op.N, to - from, 0, dRecurrent, t * batch + from, recurrentWeight, dhNext, from);
      if (!cell.sumsPreActivations()) {
        double[] direct = u.dHiddenDirect.data;
        for (int k = first; k < last; k++) {
          dhNext.data[k] += direct[k];
        }
      }
    }
  }

  /** {@code dL/da_h}: its own buffer, or the shared {@code dL/da_x} of a cell that sums them. */
  private DMatrixRMaj recurrentPreGradient() {
    return cell.sumsPreActivations() ? u.dInputPre : u.dRecurrentPre;
  }

  /** Adds {@code dL/d final state} into the rows of sequences from..to-1 whose last step is t. */
  private void addFinalGradient(State finalGradient, int t, int from, int to) {
    if (finalGradient == null) {
      return;
    }
    for (int b = from; b < to; b++) {
      if (lastStep(b) == t) {
        for (int j = b * hiddenSize; j < (b + 1) * hiddenSize; j++) {
          dhNext.data[j] += finalGradient.hidden().data[j];
          if (cell.hasMemory()) {
            u.dMemory.data[j] += finalGradient.memory().data[j];
          }
        }
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
    requireShape(state.hidden(), batch, what + " h");
    if (cell.hasMemory()) {
      if (state.memory() == null) {
        throw new IllegalArgumentException(what + " of an LSTM needs both h and c; c is missing");
      }
      requireShape(state.memory(), batch, what + " c");
    }
  }

  private void requireShape(DMatrixRMaj m, int batch, String what) {
    if (m.numRows != batch || m.numCols != hiddenSize) {
      throw new IllegalArgumentException(
          "%s must be %dx%d (batch x hidden), got %dx%d"
              .formatted(what, batch, hiddenSize, m.numRows, m.numCols));
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

  /**
   * columnSums += the column sums of m; a large m has its columns divided among {@link
   * MatMul#threads()} threads (each column is still summed top to bottom, so the result does not
   * depend on the thread count).
   */
  private void addColumnSums(DMatrixRMaj m) {
    int parts = Math.min(Math.min(MatMul.threads(), Workers.MAX_PARTS), m.numCols);
    if (parts == 1 || Workers.busy() || m.getNumElements() < PARALLEL_COLUMN_SUMS) {
      addColumnSums(m, columnSums, 0, m.numCols);
      return;
    }
    summed = m;
    columnParts = parts;
    try {
      Workers.run(parts, columnSumsPart);
    } finally {
      summed = null;
    }
  }

  private void columnSumsPart(int part) {
    int cols = summed.numCols;
    addColumnSums(summed, columnSums, part * cols / columnParts, (part + 1) * cols / columnParts);
  }

  private static void addColumnSums(DMatrixRMaj m, DMatrixRMaj sums, int from, int to) {
    int cols = m.numCols;
    for (int r = 0; r < m.numRows; r++) {
      for (int c = from; c < to; c++) {
        sums.data[c] += m.data[r * cols + c];
      }
    }
  }

  /** Writes {@code src} (or zeros) into block t of a state buffer. */
  private void setBlock(DMatrixRMaj buffer, int t, DMatrixRMaj src) {
    int n = u.batch() * hiddenSize;
    if (src == null) {
      java.util.Arrays.fill(buffer.data, t * n, t * n + n, 0);
    } else {
      System.arraycopy(src.data, 0, buffer.data, t * n, n);
    }
  }
}
