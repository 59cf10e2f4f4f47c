package org.rnnkit.nn.cell;

import org.ejml.data.DMatrixRMaj;

/**
 * The buffers of one sequence unrolled over time: pre-activations, gate values and states kept by
 * the forward pass for backpropagation through time, and the gradients that the backward pass
 * writes. A recurrent layer owns one and reshapes it per batch (growing only, never shrinking), so
 * steady-state training allocates nothing here.
 *
 * <p>Row block {@code t} of a {@code (T*B) x W} buffer is rows {@code t*B .. t*B+B-1}: step t of
 * every sequence in the batch. {@code G} is the cell's gate count, {@code H} the hidden size.
 */
public final class Unrolled {
  private int steps;
  private int batch;
  private int hiddenSize;
  private int gateWidth;

  /**
   * {@code (T*B) x (G*H)}: {@code x[t] W_ih^T}, all steps; set by the layer. The biases are not in
   * it: {@link #sumPreActivations} adds them where the cell combines the two products. Unused (1 x
   * 1) when the cell {@linkplain Cell#sumsPreActivations() sums} the products: the layer then adds
   * {@code x[t] W_ih^T} into {@link #recurrentPre} itself.
   */
  public final DMatrixRMaj inputPre = new DMatrixRMaj(1, 1);

  /**
   * {@code (T*B) x (G*H)}: {@code h[t-1] W_hh^T} (no bias), block t set before step t; for a cell
   * that sums the products, {@code x[t] W_ih^T + h[t-1] W_hh^T}.
   */
  public final DMatrixRMaj recurrentPre = new DMatrixRMaj(1, 1);

  /**
   * {@code (T*B) x (G*H)}: each gate's pre-activation ({@link #sumPreActivations}), replaced in
   * place by its activation, which the cell keeps for its backward step.
   */
  public final DMatrixRMaj gates = new DMatrixRMaj(1, 1);

  /**
   * {@code ((T+1)*B) x H}: block t is {@code h[t]} for t = 0..T-1, block T is {@code h[-1] = h0};
   * so its first {@code T*B} rows are the layer's output as they are.
   */
  public final DMatrixRMaj hidden = new DMatrixRMaj(1, 1);

  /** {@code ((T+1)*B) x H}: the LSTM memory {@code c}, laid out like {@link #hidden}. */
  public final DMatrixRMaj memory = new DMatrixRMaj(1, 1);

  /**
   * {@code (T*B) x H}, memory cells only: {@code tanh(c[t])}, kept by the LSTM's forward step so
   * that its backward step need not recompute it.
   */
  public final DMatrixRMaj memoryTanh = new DMatrixRMaj(1, 1);

  /** {@code B x H}: on entry to a backward step, {@code dL/dh[t]} (from above and from t+1). */
  public final DMatrixRMaj dHidden = new DMatrixRMaj(1, 1);

  /**
   * {@code B x H}: written by a backward step: the part of {@code dL/dh[t-1]} that does not flow
   * through {@code W_hh} (GRU's {@code z * dh}); unused (1 x 1) for RNN and LSTM, which have none.
   */
  public final DMatrixRMaj dHiddenDirect = new DMatrixRMaj(1, 1);

  /** {@code B x H}: LSTM only; on entry {@code dL/dc[t]}, on exit {@code dL/dc[t-1]}. */
  public final DMatrixRMaj dMemory = new DMatrixRMaj(1, 1);

  /** {@code (T*B) x (G*H)}: {@code dL/da_x[t]}, block t written by backward step t. */
  public final DMatrixRMaj dInputPre = new DMatrixRMaj(1, 1);

  /**
   * {@code (T*B) x (G*H)}: {@code dL/da_h[t]}, block t written by backward step t; unused (1 x 1)
   * when the cell {@linkplain Cell#sumsPreActivations() sums} the pre-activations, whose shared
   * gradient is {@link #dInputPre}.
   */
  public final DMatrixRMaj dRecurrentPre = new DMatrixRMaj(1, 1);

  private double[] inputBias = new double[0];
  private double[] recurrentBias = new double[0];
  private double[] biasSum = new double[0];
  private boolean productsSummed;

  /** Sizes every buffer for T steps of B sequences; contents are undefined afterwards. */
  public void reshape(int steps, int batch, int hiddenSize, Cell cell) {
    int gateCount = cell.gateCount();
    boolean withMemory = cell.hasMemory();
    boolean separate = !cell.sumsPreActivations();
    productsSummed = !separate;
    this.steps = steps;
    this.batch = batch;
    this.hiddenSize = hiddenSize;
    this.gateWidth = gateCount * hiddenSize;
    int rows = steps * batch;
    inputPre.reshape(separate ? rows : 1, separate ? gateWidth : 1);
    recurrentPre.reshape(rows, gateWidth);
    gates.reshape(rows, gateWidth);
    dInputPre.reshape(rows, gateWidth);
    dRecurrentPre.reshape(separate ? rows : 1, separate ? gateWidth : 1);
    hidden.reshape(rows + batch, hiddenSize);
    memory.reshape(withMemory ? rows + batch : 1, withMemory ? hiddenSize : 1);
    memoryTanh.reshape(withMemory ? rows : 1, withMemory ? hiddenSize : 1);
    dHidden.reshape(batch, hiddenSize);
    dHiddenDirect.reshape(separate ? batch : 1, separate ? hiddenSize : 1);
    dMemory.reshape(batch, withMemory ? hiddenSize : 1);
    if (inputBias.length < gateWidth) {
      inputBias = new double[gateWidth];
      recurrentBias = new double[gateWidth];
      biasSum = new double[gateWidth];
    }
  }

  /**
   * Copies {@code b_ih} and {@code b_hh} (each {@code 1 x G*H}, or null for none) for the next
   * steps; call after {@link #reshape}, whenever the biases may have changed.
   *
   * @param ih Not modified.
   * @param hh Not modified.
   */
  public void setBiases(DMatrixRMaj ih, DMatrixRMaj hh) {
    for (int j = 0; j < gateWidth; j++) {
      inputBias[j] = ih == null ? 0 : ih.data[j];
      recurrentBias[j] = hh == null ? 0 : hh.data[j];
      biasSum[j] = inputBias[j] + recurrentBias[j];
    }
  }

  /** {@code b_ih} as set by {@link #setBiases} (zeros for none); not to be modified. */
  public double[] inputBias() {
    return inputBias;
  }

  /** {@code b_hh} as set by {@link #setBiases} (zeros for none); not to be modified. */
  public double[] recurrentBias() {
    return recurrentBias;
  }

  public int steps() {
    return steps;
  }

  public int batch() {
    return batch;
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  /** {@code G*H}: the width of the pre-activation and gate buffers. */
  public int gateWidth() {
    return gateWidth;
  }

  /**
   * Writes {@code x[t] W_ih^T + b_ih + h[t-1] W_hh^T + b_hh} of sequences {@code from .. to-1} into
   * their rows of block t of {@link #gates}: every gate's pre-activation, before the cell applies
   * its nonlinearities in place.
   */
  public void sumPreActivations(int t, int from, int to) {
    double[] ax = inputPre.data;
    double[] ah = recurrentPre.data;
    double[] g = gates.data;
    for (int b = from; b < to; b++) {
      int row = (t * batch + b) * gateWidth;
      if (productsSummed) {
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

  /** Index of element (b, j) of gate {@code gate} at step t in a {@code (T*B) x (G*H)} buffer. */
  int gateIndex(int t, int b, int gate, int j) {
    return (t * batch + b) * gateWidth + gate * hiddenSize + j;
  }

  /** Row of sequence b's {@code h[t]} (or {@code c[t]}) in the state buffers; t = -1: initial. */
  public int stateRow(int t, int b) {
    return (t < 0 ? steps : t) * batch + b;
  }

  /** Index of element (b, j) of {@code h[t]} (or {@code c[t]}); {@code t = -1} is the initial. */
  int stateIndex(int t, int b, int j) {
    return stateRow(t, b) * hiddenSize + j;
  }
}
