package org.rnnkit.nn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * A right operand for the OpenBLAS backends: a heap copy of B as it is, with its {@code op} handed
 * to {@code cblas_dgemm} (no transposed copy); {@code op(B)} laid out row-major only if a product
 * small enough to run in Java asks for it.
 */
class HeldOperand extends MatMul.Operand {
  private final MatMul owner;
  Op op = Op.N;

  /** B's leading dimension: its columns. */
  int ld;

  /** B as it is, {@code sourceRows x ld} row-major. */
  double[] source = new double[0];

  private int sourceRows;
  private double[] heap = new double[0];
  private boolean heapCurrent;

  HeldOperand(MatMul owner) {
    this.owner = owner;
  }

  @Override
  public void set(DMatrixRMaj b, Op op) {
    this.op = op;
    rows = op == Op.N ? b.numRows : b.numCols;
    cols = op == Op.N ? b.numCols : b.numRows;
    ld = b.numCols;
    sourceRows = b.numRows;
    int size = rows * cols;
    if (source.length < size) {
      source = new double[size];
    }
    System.arraycopy(b.data, 0, source, 0, size);
    synchronized (this) {
      heapCurrent = false;
    }
  }

  /**
   * {@code op(B)}, {@code rows x cols} row-major, made on first use after {@link #set} (by
   * whichever batch slice asks first; the others wait for it).
   */
  synchronized double[] heap() {
    if (!heapCurrent) {
      int size = rows * cols;
      if (heap.length < size) {
        heap = new double[size];
      }
      if (op == Op.N) {
        System.arraycopy(source, 0, heap, 0, size);
      } else {
        JavaMatMul.transposeInto(source, 0, sourceRows, ld, heap);
      }
      heapCurrent = true;
    }
    return heap;
  }

  @Override
  public MatMul owner() {
    return owner;
  }
}
