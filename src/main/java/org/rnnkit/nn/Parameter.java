package org.rnnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * A named trainable matrix and its gradient buffer of the same shape.
 *
 * <p>Names follow PyTorch ({@code weight_ih_l0}, {@code bias_hh_l1_reverse}, {@code head.weight})
 * so that a PyTorch {@code state_dict} maps onto a model by name. A bias is a {@code 1 x n} row.
 */
public final class Parameter {
  private final String name;
  private final DMatrixRMaj value;
  private final DMatrixRMaj grad;

  public Parameter(String name, int rows, int cols) {
    this.name = name;
    this.value = new DMatrixRMaj(rows, cols);
    this.grad = new DMatrixRMaj(rows, cols);
  }

  public String name() {
    return name;
  }

  /** The value; optimizers and loaders modify it in place. */
  public DMatrixRMaj value() {
    return value;
  }

  /** The accumulated gradient d loss / d value; layers add into it during backward. */
  public DMatrixRMaj grad() {
    return grad;
  }

  public int size() {
    return value.getNumElements();
  }

  public void zeroGrad() {
    grad.zero();
  }

  /**
   * Copies {@code source} into the value.
   *
   * @param source Not modified. Row-major values; its length must be exactly {@link #size()}.
   */
  public void set(double... source) {
    if (source.length != size()) {
      throw new IllegalArgumentException(
          "parameter %s is %dx%d (%d values), got %d values"
              .formatted(name, value.numRows, value.numCols, size(), source.length));
    }
    System.arraycopy(source, 0, value.data, 0, source.length);
  }

  /** "2x3", for messages. */
  public String shape() {
    return value.numRows + "x" + value.numCols;
  }

  @Override
  public String toString() {
    return name + "[" + shape() + "]";
  }
}
