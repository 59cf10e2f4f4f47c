package org.rnnkit.nn.layer;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.linalg.Block;

/**
 * Recurrent (variational) dropout of one {@link Recurrent} layer (Gal and Ghahramani 2016, "A
 * Theoretically Grounded Application of Dropout in Recurrent Neural Networks"): in each sequence
 * one mask on the inputs and one on {@code h[t-1]}, drawn once per training forward pass and reused
 * at every step of that pass, with inverted scaling so that inference, where the layer uses no
 * mask, needs no rescaling.
 *
 * <p>Two things to know. (1) The masks are per forward pass, not per sequence: under truncated BPTT
 * (a {@code TrainingConfig} truncation, {@code text train}'s chunks) each chunk of a sequence is
 * its own pass and draws new masks. (2) The one probability p masks the inputs as well as {@code
 * h[t-1]}: Gal and Ghahramani's scheme, not Keras's {@code recurrent_dropout}, which masks {@code
 * h[t-1]} only (Keras's {@code dropout} masks the inputs). With one input feature (I = 1, a
 * univariate series) each sequence's input is zeroed at every step of the pass with probability p.
 *
 * <pre>
 *   m_x[b] in {0, 1/(1-p)}^I,  m_h[b] in {0, 1/(1-p)}^S   (each element kept with probability 1-p)
 *   a_x[t] = (x[t] * m_x) W_ih^T,   a_h[t] = (h[t-1] * m_h) W_hh^T       (S: H, or P projecting)
 *   backward:  dx[t] = (da_x[t] W_ih) * m_x,   dL/dh[t-1] through W_hh = (da_h[t] W_hh) * m_h
 *              dW_ih = da_x^T (X * m_x),        dW_hh = da_h^T (H_prev * m_h)
 * </pre>
 *
 * <p>Only the inputs of the two products are masked: what a cell reads of {@code h[t-1]} itself
 * (the GRU's {@code z * h[t-1]}) and the layer's output are not. Gal and Ghahramani draw a mask per
 * gate; this layer, as Keras's fused implementations, shares one mask across the gates, so each
 * dropped unit is dropped from every gate's product.
 */
final class VariationalDropout {
  private final double probability;
  private Random rng;
  private boolean active;
  private int batch;
  private double[] inputMask = new double[0];
  private double[] stateMask = new double[0];
  private final DMatrixRMaj maskedInput = new DMatrixRMaj(1, 1);

  /**
   * @param probability p in [0, 1)
   * @param seed the mask stream's seed
   */
  VariationalDropout(double probability, long seed) {
    if (!(probability >= 0 && probability < 1)) {
      throw new IllegalArgumentException(
          "recurrent dropout probability must be in [0, 1), got " + probability);
    }
    this.probability = probability;
    this.rng = new Random(seed);
  }

  double probability() {
    return probability;
  }

  void reseed(long seed) {
    rng = new Random(seed);
  }

  /** Draws this pass's masks ({@code training} and p > 0), or turns masking off. */
  void start(boolean training, int batch, int inputSize, int stateSize) {
    active = training && probability > 0;
    if (!active) {
      return;
    }
    this.batch = batch;
    inputMask = draw(inputMask, batch * inputSize);
    stateMask = draw(stateMask, batch * stateSize);
  }

  private double[] draw(double[] mask, int n) {
    double[] m = mask.length >= n ? mask : new double[n];
    double keep = 1 / (1 - probability);
    for (int i = 0; i < n; i++) {
      m[i] = rng.nextDouble() >= probability ? keep : 0;
    }
    return m;
  }

  /** Whether the latest forward pass used masks. */
  boolean active() {
    return active;
  }

  /**
   * {@code X * m_x}: row r of a {@code (T*B) x I} buffer belongs to sequence {@code r mod B} in
   * either block order.
   *
   * @param x Not modified.
   * @return this object's buffer, valid until the next call
   */
  DMatrixRMaj maskInput(DMatrixRMaj x) {
    maskedInput.reshape(x.numRows, x.numCols);
    multiplyRows(x.data, maskedInput.data, x.numRows, x.numCols, inputMask);
    return maskedInput;
  }

  /** {@code X * m_x} of the latest {@link #maskInput}. */
  DMatrixRMaj maskedInput() {
    return maskedInput;
  }

  /**
   * {@code dx *= m_x}, in place.
   *
   * @param dx Modified. {@code (T*B) x I}.
   */
  void maskInputGradient(DMatrixRMaj dx) {
    multiplyRows(dx.data, dx.data, dx.numRows, dx.numCols, inputMask);
  }

  /**
   * {@code to = from * m_h} for the rows of sequences {@code first, first+1, ...}.
   *
   * @param from Not modified.
   * @param to Modified; may be {@code from}.
   */
  void maskStates(Block from, Block to, int first) {
    int cols = from.cols();
    double[] src = from.matrix().data;
    double[] dst = to.matrix().data;
    int s = from.row() * cols;
    int d = to.row() * cols;
    for (int r = 0; r < from.rows(); r++) {
      int m = (first + r) * cols;
      for (int j = 0; j < cols; j++) {
        dst[d + r * cols + j] = src[s + r * cols + j] * stateMask[m + j];
      }
    }
  }

  /** {@code to[r] = from[r] * mask[r mod B]}: row r belongs to sequence r mod B. */
  private void multiplyRows(double[] from, double[] to, int rows, int cols, double[] mask) {
    for (int r = 0; r < rows; r++) {
      int m = (r % batch) * cols;
      int k = r * cols;
      for (int j = 0; j < cols; j++) {
        to[k + j] = from[k + j] * mask[m + j];
      }
    }
  }
}
