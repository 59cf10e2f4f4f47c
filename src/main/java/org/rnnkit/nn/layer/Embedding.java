package org.rnnkit.nn.layer;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;

/**
 * A lookup table from symbol indices to learnt vectors, as {@code torch.nn.Embedding(V, D)}:
 *
 * <pre>
 *   forward:   y[n] = W[x[n]]                  x: (T*B) x 1 indices in 0..V-1,  W: V x D,  y: (T*B) x D
 *   backward:  dW[x[n]] += dy[n]  for every n  (a scatter-add; repeated indices add up)
 * </pre>
 *
 * <p>The forward is a row gather and the backward a row scatter-add: no one-hot matrix and no
 * product, so a step costs {@code O(T*B*D)} whatever V is. Indices are whole numbers stored as
 * doubles in a one-feature {@link Sequence}; they have no gradient, so {@link #backward} returns
 * zeros of the input's shape.
 *
 * <p>Default initialisation (PyTorch's): every weight from {@code N(0, 1)}. The parameter is named
 * {@code <name>.weight}.
 */
public final class Embedding implements Layer {
  private final String name;
  private final int vocabularySize;
  private final int dimension;
  private final Parameter weight;
  private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj inputGradient = new DMatrixRMaj(1, 1);
  private int[] indices = new int[0];
  private boolean reuse;
  private int steps;
  private int batch;

  /**
   * @param name the parameter prefix, e.g. {@code embedding}
   * @param vocabularySize V, the number of symbols
   * @param dimension D, the length of each vector
   * @param rng draws the initial weights
   */
  public Embedding(String name, int vocabularySize, int dimension, Random rng) {
    if (vocabularySize < 1 || dimension < 1) {
      throw new IllegalArgumentException(
          "embedding %s needs V and D of at least 1, got V=%d, D=%d"
              .formatted(name, vocabularySize, dimension));
    }
    this.name = name;
    this.vocabularySize = vocabularySize;
    this.dimension = dimension;
    weight = new Parameter(name + ".weight", vocabularySize, dimension);
    double[] w = weight.value().data;
    for (int i = 0; i < weight.size(); i++) {
      w[i] = rng.nextGaussian();
    }
  }

  /** The parameter prefix given to the constructor. */
  public String name() {
    return name;
  }

  /** V. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** D. */
  public int dimension() {
    return dimension;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight);
  }

  /**
   * With reuse on, forward and backward return sequences backed by this layer's own buffers, valid
   * until the next call (see {@link Layer}); a step then allocates nothing.
   */
  @Override
  public void reuseBuffers(boolean reuse) {
    this.reuse = reuse;
  }

  /**
   * @param x Not modified. {@code T x B x 1}, each value a whole number in {@code 0..V-1}.
   * @return {@code T x B x D}: row n is {@code W[x[n]]}
   */
  @Override
  public Sequence forward(Sequence x, boolean training) {
    if (x.features() != 1) {
      throw new IllegalArgumentException(
          "embedding %s expects one index per step (F=1), got %s"
              .formatted(weight.name(), x.shape()));
    }
    steps = x.steps();
    batch = x.batch();
    int rows = steps * batch;
    if (indices.length < rows) {
      indices = new int[rows];
    }
    double[] in = x.values().data;
    for (int n = 0; n < rows; n++) {
      indices[n] = index(in[n], n);
    }
    output.reshape(rows, dimension);
    double[] w = weight.value().data;
    // y[n] = W[x[n]]
    for (int n = 0; n < rows; n++) {
      System.arraycopy(w, indices[n] * dimension, output.data, n * dimension, dimension);
    }
    DMatrixRMaj values = reuse ? output : output.copy();
    return new Sequence(steps, batch, dimension, values).withLengths(x.lengths()).zeroPadding();
  }

  private int index(double value, int row) {
    int i = (int) value;
    if (i != value || i < 0 || i >= vocabularySize) {
      throw new IllegalArgumentException(
          "embedding %s: index at step %d, sequence %d is %s; expected a whole number in 0..%d"
              .formatted(weight.name(), row / batch, row % batch, value, vocabularySize - 1));
    }
    return i;
  }

  /**
   * @param dy Not modified. {@code T x B x D} like the latest output.
   * @return zeros, {@code T x B x 1}: indices have no gradient
   */
  @Override
  public Sequence backward(Sequence dy) {
    if (dy.steps() != steps || dy.batch() != batch || dy.features() != dimension) {
      throw new IllegalArgumentException(
          "output gradient must be T=%d, B=%d, F=%d like the output, got %s"
              .formatted(steps, batch, dimension, dy.shape()));
    }
    double[] g = dy.values().data;
    double[] dW = weight.grad().data;
    // dW[x[n]] += dy[n]
    for (int n = 0, rows = steps * batch; n < rows; n++) {
      int to = indices[n] * dimension;
      int from = n * dimension;
      for (int k = 0; k < dimension; k++) {
        dW[to + k] += g[from + k];
      }
    }
    DMatrixRMaj dx = reuse ? inputGradient : new DMatrixRMaj(1, 1);
    dx.reshape(steps * batch, 1);
    Arrays.fill(dx.data, 0, steps * batch, 0);
    return new Sequence(steps, batch, 1, dx);
  }
}
