package org.rnnkit.nn.layer;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.Cell;
import org.rnnkit.nn.cell.Step;
import org.rnnkit.nn.linalg.Block;

/**
 * The memory of one recurrent layer's latest batch, unrolled over time: pre-activations, gate
 * values and states kept by the forward pass for backpropagation through time, the gradients the
 * backward pass writes, and what is copied or aliased on the way in and out. Reshaped per batch
 * (growing only, never shrinking), so steady-state training allocates nothing here.
 *
 * <p>Row block {@code k} of a {@code (T*B) x W} buffer is rows {@code k*B .. k*B+B-1}: one step of
 * every sequence in the batch. Step s of processing order is block {@code s}, or block {@code
 * T-1-s} when the buffers run {@linkplain #reshape back to front}: a reverse layer over full-length
 * sequences then keeps every buffer in the input's own time order, reads its input in place and
 * hands out its output without reversing a copy. {@code G} is the cell's gate count, {@code H} the
 * hidden size, {@code S} the size of the state h that the layer outputs and feeds back: H, or P for
 * an LSTM with a projection ({@code h[t] = W_hr (o * tanh(c[t]))}, whose cell output is then kept
 * in {@link #hidden} and h in {@link #projected}).
 */
final class Unrolled {
  private final Cell cell;
  private final int hiddenSize;
  private final int stateSize;
  private final boolean projecting;
  private final int gateWidth;
  private final boolean summed;
  private int steps;
  private int batch;
  private boolean backToFront;

  /** {@code (T*B) x W}: {@code x[t] W_ih^T}; unused (1 x 1) when the cell sums the products. */
  final DMatrixRMaj inputProducts = new DMatrixRMaj(1, 1);

  /**
   * {@code (T*B) x W}: {@code h[t-1] W_hh^T}, block t set before step t; for a cell that sums the
   * products, {@code x[t] W_ih^T + h[t-1] W_hh^T}.
   */
  final DMatrixRMaj recurrentProducts = new DMatrixRMaj(1, 1);

  /** {@code (T*B) x W}: each gate's pre-activation, replaced by its value by the cell. */
  final DMatrixRMaj gates = new DMatrixRMaj(1, 1);

  /**
   * {@code ((T+1)*B) x H}: block t is {@code h[t]} for t = 0..T-1, block T is {@code h[-1] = h0};
   * so its first {@code T*B} rows are the layer's output as they are.
   */
  final DMatrixRMaj hidden = new DMatrixRMaj(1, 1);

  /**
   * {@code ((T+1)*B) x P}, projecting layers only: {@code h[t]} for t = 0..T-1 and {@code h[-1]},
   * laid out like {@link #hidden} (which then holds the cell's output {@code o * tanh(c[t])}).
   */
  final DMatrixRMaj projected = new DMatrixRMaj(1, 1);

  /**
   * {@code (T*B) x P}, projecting layers only: {@code dL/dh[t]} of every step, for {@code dW_hr}.
   */
  final DMatrixRMaj dProjected = new DMatrixRMaj(1, 1);

  /**
   * {@code (T*B) x S}, with recurrent dropout only: block t holds {@code h[t-1] * m_h}, the masked
   * previous state that step t's recurrent product reads (see {@link VariationalDropout}).
   */
  final DMatrixRMaj maskedStates = new DMatrixRMaj(1, 1);

  private boolean masking;

  /** {@code ((T+1)*B) x H}: the LSTM memory {@code c}, laid out like {@link #hidden}. */
  final DMatrixRMaj memory = new DMatrixRMaj(1, 1);

  /** {@code (T*B) x H}, memory cells only: {@code tanh(c[t])}, kept for backward. */
  final DMatrixRMaj memoryTanh = new DMatrixRMaj(1, 1);

  /** {@code B x H}: {@code dL/dh[t]} during backward step t. */
  final DMatrixRMaj dHidden = new DMatrixRMaj(1, 1);

  /** {@code B x S}: {@code dL/dh[t-1]} carried to the next backward step ({@code dh_next}). */
  final DMatrixRMaj dHiddenNext = new DMatrixRMaj(1, 1);

  /** {@code B x H}: GRU only: the part of {@code dL/dh[t-1]} that does not flow through W_hh. */
  final DMatrixRMaj dHiddenDirect = new DMatrixRMaj(1, 1);

  /** {@code B x H}: LSTM only; on entry to a step {@code dL/dc[t]}, on exit {@code dL/dc[t-1]}. */
  final DMatrixRMaj dMemory = new DMatrixRMaj(1, 1);

  /** {@code (T*B) x W}: {@code dL/da_x[t]} (and {@code dL/da_h[t]} when the cell sums them). */
  final DMatrixRMaj dInputPre = new DMatrixRMaj(1, 1);

  /** {@code (T*B) x W}: {@code dL/da_h[t]}; unused (1 x 1) when the cell sums the products. */
  final DMatrixRMaj dRecurrentPre = new DMatrixRMaj(1, 1);

  private final DMatrixRMaj inputCopy = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj outputCopy = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj outputView = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj inputGradient = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj initialHidden = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj initialMemory = new DMatrixRMaj(1, 1);
  private double[] inputBias = new double[0];
  private double[] recurrentBias = new double[0];
  private double[] biasSum = new double[0];
  private final View[] views = new View[org.rnnkit.nn.linalg.Workers.MAX_PARTS];

  /** {@code x} of the latest forward in processing order (see {@link #keepInput}). */
  private DMatrixRMaj input = inputCopy;

  /**
   * @param stateSize S: H, or P for a projecting layer
   */
  Unrolled(Cell cell, int hiddenSize, int stateSize) {
    this.cell = cell;
    this.hiddenSize = hiddenSize;
    this.stateSize = stateSize;
    this.projecting = stateSize != hiddenSize;
    this.gateWidth = cell.gateCount() * hiddenSize;
    this.summed = cell.sumsPreActivations();
  }

  /**
   * Sizes every buffer for T steps of B sequences; contents are undefined afterwards.
   *
   * @param backToFront whether step s of processing order is row block T-1-s instead of s
   */
  void reshape(int steps, int batch, boolean backToFront) {
    this.steps = steps;
    this.batch = batch;
    this.backToFront = backToFront;
    boolean separate = !summed;
    boolean withMemory = cell.hasMemory();
    int rows = steps * batch;
    inputProducts.reshape(separate ? rows : 1, separate ? gateWidth : 1);
    recurrentProducts.reshape(rows, gateWidth);
    gates.reshape(rows, gateWidth);
    dInputPre.reshape(rows, gateWidth);
    dRecurrentPre.reshape(separate ? rows : 1, separate ? gateWidth : 1);
    hidden.reshape(rows + batch, hiddenSize);
    projected.reshape(projecting ? rows + batch : 1, projecting ? stateSize : 1);
    dProjected.reshape(projecting ? rows : 1, projecting ? stateSize : 1);
    memory.reshape(withMemory ? rows + batch : 1, withMemory ? hiddenSize : 1);
    memoryTanh.reshape(withMemory ? rows : 1, withMemory ? hiddenSize : 1);
    dHidden.reshape(batch, hiddenSize);
    dHiddenNext.reshape(batch, stateSize);
    dHiddenDirect.reshape(separate ? batch : 1, separate ? hiddenSize : 1);
    dMemory.reshape(batch, withMemory ? hiddenSize : 1);
    if (inputBias.length < gateWidth) {
      inputBias = new double[gateWidth];
      recurrentBias = new double[gateWidth];
      biasSum = new double[gateWidth];
    }
  }

  /** After {@link #reshape}: sizes {@link #maskedStates} for this batch when {@code on}. */
  void maskStates(boolean on) {
    masking = on;
    maskedStates.reshape(on ? steps * batch : 1, on ? stateSize : 1);
  }

  int steps() {
    return steps;
  }

  int batch() {
    return batch;
  }

  boolean backToFront() {
    return backToFront;
  }

  /**
   * Keeps x for backward, its row blocks in this object's block order: a reference to the caller's
   * values ({@code byReference}: they must not change until backward), else a copy.
   *
   * @return the kept values, {@code (T*B) x I}
   */
  DMatrixRMaj keepInput(Sequence x, boolean byReference) {
    if (byReference) {
      input = x.values();
    } else {
      inputCopy.setTo(x.values());
      input = inputCopy;
    }
    return input;
  }

  /** x of the latest forward, as {@link #keepInput} kept it. */
  DMatrixRMaj input() {
    return input;
  }

  /** h as the layer outputs and feeds it back: {@link #projected}, or {@link #hidden} itself. */
  DMatrixRMaj states() {
    return projecting ? projected : hidden;
  }

  /** The pre-activation products the input product goes into: {@code x[t] W_ih^T} for all t. */
  DMatrixRMaj inputProductTarget() {
    return summed ? recurrentProducts : inputProducts;
  }

  /** {@code dL/da_h}: its own buffer, or the shared {@code dL/da_x} of a cell that sums them. */
  DMatrixRMaj dRecurrent() {
    return summed ? dInputPre : dRecurrentPre;
  }

  /**
   * Copies {@code b_ih} and {@code b_hh} (each {@code 1 x W}, or null for none) for the next steps.
   *
   * @param ih Not modified.
   * @param hh Not modified.
   */
  void setBiases(DMatrixRMaj ih, DMatrixRMaj hh) {
    for (int j = 0; j < gateWidth; j++) {
      inputBias[j] = ih == null ? 0 : ih.data[j];
      recurrentBias[j] = hh == null ? 0 : hh.data[j];
      biasSum[j] = inputBias[j] + recurrentBias[j];
    }
  }

  /** Sets {@code h[-1]} (and {@code c[-1]}) from {@code initial}, or zeros for null. */
  void setInitialState(State initial) {
    setInitial(states(), stateSize, initial == null ? null : initial.hidden());
    if (cell.hasMemory()) {
      setInitial(memory, hiddenSize, initial == null ? null : initial.memory());
    }
  }

  private void setInitial(DMatrixRMaj buffer, int width, DMatrixRMaj src) {
    int n = batch * width;
    int from = steps * n;
    if (src == null) {
      Arrays.fill(buffer.data, from, from + n, 0);
    } else {
      System.arraycopy(src.data, 0, buffer.data, from, n);
    }
  }

  /** Row block of step s of processing order: s, or T-1-s back to front; s = -1 (initial): T. */
  int block(int s) {
    return s < 0 ? steps : backToFront ? steps - 1 - s : s;
  }

  /**
   * Row of sequence b's {@code h[s]} (or {@code c[s]}, s in processing order) in the state buffers;
   * s = -1: initial.
   */
  int stateRow(int s, int b) {
    return block(s) * batch + b;
  }

  /** Step s's rows from .. of a {@code (T*B) x W} buffer (or of the state buffers, s = -1). */
  private Block stepBlock(DMatrixRMaj buffer, int s, int from, int rows) {
    return new Block(buffer, stateRow(s, from), rows);
  }

  /**
   * h of the latest forward, in block order: the state buffer's first T*B rows themselves where the
   * caller may not keep or change them ({@code view}: with reuse on, or when a reversed copy is
   * made anyway), unless padded steps must be zeroed; else a copy ({@code reuse}: into this
   * object's own buffer).
   */
  Sequence output(int[] lengths, boolean view, boolean reuse) {
    int rows = steps * batch;
    DMatrixRMaj values;
    if (view && lengths == null) {
      values = outputView;
      values.data = states().data;
      values.numRows = rows;
      values.numCols = stateSize;
    } else {
      values = reuse ? outputCopy : new DMatrixRMaj(1, 1);
      values.reshape(rows, stateSize);
      System.arraycopy(states().data, 0, values.data, 0, rows * stateSize);
    }
    return new Sequence(steps, batch, stateSize, values).withLengths(lengths).zeroPadding();
  }

  /** A matrix for {@code dL/dx}, {@code (T*B) x I}: this object's own with reuse on, else new. */
  DMatrixRMaj inputGradient(int inputSize, boolean reuse) {
    DMatrixRMaj dx = reuse ? inputGradient : new DMatrixRMaj(1, 1);
    dx.reshape(steps * batch, inputSize);
    return dx;
  }

  /** {@code dL/dh[-1]} (and {@code dL/dc[-1]}) after backward: reused buffers, or new copies. */
  State initialStateGradient(boolean reuse) {
    DMatrixRMaj h0 = reuse ? initialHidden : new DMatrixRMaj(1, 1);
    h0.setTo(dHiddenNext);
    DMatrixRMaj c0 = null;
    if (cell.hasMemory()) {
      c0 = reuse ? initialMemory : new DMatrixRMaj(1, 1);
      c0.setTo(dMemory);
    }
    return new State(h0, c0);
  }

  /**
   * The step view of slice {@code part} of {@code parts} (sequences {@code B part / parts .. B
   * (part+1) / parts - 1}), at step 0; each part has its own view, so slices may run at once.
   */
  View view(int part, int parts) {
    if (views[part] == null) {
      views[part] = new View();
    }
    View v = views[part];
    v.select(part * batch / parts, (part + 1) * batch / parts);
    return v;
  }

  /**
   * A {@link Step} over sequences {@code from .. to-1} at step {@code t}, with the blocks the
   * layer's per-step products use (made once per batch shape, so the time loops allocate nothing).
   */
  final class View implements Step {
    private int from;
    private int to;
    private int t;
    private int firstRow;
    private int shapeSteps = -1;
    private int shapeBatch = -1;
    private boolean shapeBackToFront;
    private boolean shapeMasking;
    private Block[] maskedPrevious = new Block[0];
    private Block[] previousHidden = new Block[0];
    private Block[] products = new Block[0];
    private Block[] dRecurrentBlocks = new Block[0];
    private Block[] hiddenBlocks = new Block[0];
    private Block[] projectedBlocks = new Block[0];
    private Block[] dProjectedBlocks = new Block[0];
    private Block dHiddenNextRows;
    private Block dHiddenRows;

    /**
     * Points the view at sequences from..to-1, step 0, remaking its blocks if the shape changed.
     */
    private void select(int from, int to) {
      if (from == this.from
          && to == this.to
          && steps == shapeSteps
          && batch == shapeBatch
          && backToFront == shapeBackToFront
          && masking == shapeMasking) {
        at(0);
        return;
      }
      this.from = from;
      this.to = to;
      shapeSteps = steps;
      shapeBatch = batch;
      shapeBackToFront = backToFront;
      shapeMasking = masking;
      int rows = to - from;
      previousHidden = new Block[steps];
      products = new Block[steps];
      dRecurrentBlocks = new Block[steps];
      int projectingSteps = projecting ? steps : 0;
      hiddenBlocks = new Block[projectingSteps];
      projectedBlocks = new Block[projectingSteps];
      dProjectedBlocks = new Block[projectingSteps];
      for (int s = 0; s < steps; s++) {
        previousHidden[s] = stepBlock(states(), s - 1, from, rows);
        products[s] = stepBlock(recurrentProducts, s, from, rows);
        dRecurrentBlocks[s] = stepBlock(Unrolled.this.dRecurrent(), s, from, rows);
      }
      maskedPrevious = new Block[masking ? steps : 0];
      for (int s = 0; s < maskedPrevious.length; s++) {
        maskedPrevious[s] = stepBlock(maskedStates, s, from, rows);
      }
      for (int s = 0; s < projectingSteps; s++) {
        hiddenBlocks[s] = stepBlock(hidden, s, from, rows);
        projectedBlocks[s] = stepBlock(projected, s, from, rows);
        dProjectedBlocks[s] = stepBlock(dProjected, s, from, rows);
      }
      dHiddenNextRows = new Block(dHiddenNext, from, rows);
      dHiddenRows = new Block(dHidden, from, rows);
      at(0);
    }

    /** Moves the view to step t of processing order. */
    View at(int t) {
      this.t = t;
      this.firstRow = stateRow(t, from);
      return this;
    }

    int from() {
      return from;
    }

    int to() {
      return to;
    }

    /** {@code h[t-1]} of this view's sequences. */
    Block previousHiddenRows() {
      return previousHidden[t];
    }

    /** With recurrent dropout: where {@code h[t-1] * m_h} of this view's sequences goes. */
    Block maskedPreviousRows() {
      return maskedPrevious[t];
    }

    /** This view's rows of step t's recurrent products. */
    Block productRows() {
      return products[t];
    }

    /** {@code dL/da_h[t]} of this view's sequences. */
    Block dRecurrentRows() {
      return dRecurrentBlocks[t];
    }

    /** This view's rows of {@code dh_next}. */
    Block dHiddenNextRows() {
      return dHiddenNextRows;
    }

    /** This view's rows of the cell's {@code dL/dh[t]} (of its output, when projecting). */
    Block dHiddenRows() {
      return dHiddenRows;
    }

    /** Projecting only: the cell's output {@code o * tanh(c[t])} of this view's sequences. */
    Block cellOutputRows() {
      return hiddenBlocks[t];
    }

    /** Projecting only: {@code h[t]} of this view's sequences. */
    Block projectedRows() {
      return projectedBlocks[t];
    }

    /** Projecting only: {@code dL/dh[t]} of this view's sequences. */
    Block dProjectedRows() {
      return dProjectedBlocks[t];
    }

    /**
     * Index of row r in the per-step gradients of h ({@code dh_next}): {@code carried(r)} for S.
     */
    int carriedState(int r) {
      return (from + r) * stateSize;
    }

    @Override
    public int rows() {
      return to - from;
    }

    @Override
    public int hiddenSize() {
      return hiddenSize;
    }

    @Override
    public int gateWidth() {
      return gateWidth;
    }

    @Override
    public int gate(int r, int g) {
      return (firstRow + r) * gateWidth + g * hiddenSize;
    }

    @Override
    public int state(int r) {
      return (firstRow + r) * hiddenSize;
    }

    @Override
    public int previousState(int r) {
      return stateRow(t - 1, from + r) * hiddenSize;
    }

    @Override
    public int carried(int r) {
      return (from + r) * hiddenSize;
    }

    @Override
    public void sumPreActivations() {
      double[] ax = inputProducts.data;
      double[] ah = recurrentProducts.data;
      double[] g = gates.data;
      for (int r = 0; r < to - from; r++) {
        int row = (firstRow + r) * gateWidth;
        if (summed) {
          for (int j = 0; j < gateWidth; j++) {
            g[row + j] = ah[row + j] + biasSum[j];
          }
        } else {
          for (int j = 0; j < gateWidth; j++) {
            g[row + j] = ax[row + j] + ah[row + j] + biasSum[j];
          }
        }
      }
    }

    @Override
    public double[] gates() {
      return gates.data;
    }

    @Override
    public double[] inputProducts() {
      return inputProducts.data;
    }

    @Override
    public double[] recurrentProducts() {
      return recurrentProducts.data;
    }

    @Override
    public double[] inputBias() {
      return inputBias;
    }

    @Override
    public double[] recurrentBias() {
      return recurrentBias;
    }

    @Override
    public double[] hidden() {
      return hidden.data;
    }

    @Override
    public double[] memory() {
      return memory.data;
    }

    @Override
    public double[] memoryTanh() {
      return memoryTanh.data;
    }

    @Override
    public double[] dHidden() {
      return dHidden.data;
    }

    @Override
    public double[] dMemory() {
      return dMemory.data;
    }

    @Override
    public double[] dHiddenDirect() {
      return dHiddenDirect.data;
    }

    @Override
    public double[] dInputPre() {
      return dInputPre.data;
    }

    @Override
    public double[] dRecurrentPre() {
      return dRecurrentPre.data;
    }
  }
}
