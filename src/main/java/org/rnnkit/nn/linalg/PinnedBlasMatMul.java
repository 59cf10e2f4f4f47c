package org.rnnkit.nn.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.util.function.IntConsumer;
import org.ejml.data.DMatrixRMaj;

/**
 * The OpenBLAS backend without copies: {@code cblas_dgemm} reads and writes the EJML matrices'
 * {@code double[]} in place, pinned by {@link PinnedBlas}. Operands and accumulators stay on the
 * heap; a large product is split by rows of C across {@link Workers}, each part one single-threaded
 * dgemm. Products below {@link #MIN_WORK} multiply-adds run on the Java kernel, where a native call
 * would cost more than it saves.
 */
final class PinnedBlasMatMul extends MatMul {
  /** Below this many multiply-adds a native call does not pay off (the same for both paths). */
  private static final long MIN_WORK = OpenBlasMatMul.MIN_WORK;

  /**
   * Present when OpenBLAS loaded (and was not refused by {@code rnnkit.blas=java}) and the shim
   * did.
   */
  static final PinnedBlasMatMul INSTANCE =
      OpenBlasMatMul.instance() != null && PinnedBlas.available() ? new PinnedBlasMatMul() : null;

  private final RowSplit split = new RowSplit();
  private volatile int productThreads = 1;

  private PinnedBlasMatMul() {}

  @Override
  public String name() {
    return "openblas";
  }

  @Override
  void applyThreads(int count) {
    productThreads = count;
  }

  @Override
  public void gemm(
      Op opA,
      Op opB,
      int m,
      int n,
      int k,
      double beta,
      DMatrixRMaj a,
      int aRow,
      DMatrixRMaj b,
      int bRow,
      DMatrixRMaj c,
      int cRow) {
    check(opA, opB, m, n, k, a, aRow, b, bRow, c, cRow);
    if ((long) m * n * k < MIN_WORK) {
      JavaMatMul.INSTANCE.gemm(opA, opB, m, n, k, beta, a, aRow, b, bRow, c, cRow);
      return;
    }
    run(
        opA,
        opB,
        m,
        n,
        k,
        a.data,
        aRow * a.numCols,
        a.numCols,
        b.data,
        bRow * b.numCols,
        b.numCols,
        beta,
        c.data,
        cRow * n);
  }

  @Override
  public void gemm(
      Op opA, int m, double beta, DMatrixRMaj a, int aRow, Operand b, DMatrixRMaj c, int cRow) {
    HeldOperand operand = (HeldOperand) b;
    int n = operand.cols;
    int k = operand.rows;
    check(opA, Op.N, m, n, k, a, aRow, null, 0, c, cRow);
    if ((long) m * n * k < MIN_WORK) {
      JavaMatMul.multiply(
          opA, m, n, k, beta, a.data, aRow * a.numCols, a.numCols, operand.heap(), 0, c, cRow);
      return;
    }
    run(
        opA,
        operand.op,
        m,
        n,
        k,
        a.data,
        aRow * a.numCols,
        a.numCols,
        operand.source,
        0,
        operand.ld,
        beta,
        c.data,
        cRow * n);
  }

  @Override
  public Operand newOperand() {
    return new HeldOperand(this);
  }

  @Override
  public void gemm(
      Op opA,
      Op opB,
      int m,
      int n,
      int k,
      DMatrixRMaj a,
      int aRow,
      DMatrixRMaj b,
      int bRow,
      Accumulator acc) {
    ((JavaMatMul.HeapAccumulator) acc).fill(this, opA, opB, m, n, k, a, aRow, b, bRow);
  }

  @Override
  public void gemmAdd(
      Op opA,
      int m,
      DMatrixRMaj a,
      int aRow,
      Operand b,
      Accumulator acc,
      int accRow,
      DMatrixRMaj c,
      int cRow) {
    ((JavaMatMul.HeapAccumulator) acc).addTo(this, opA, m, a, aRow, b, accRow, c, cRow);
  }

  @Override
  public Accumulator newAccumulator() {
    return new JavaMatMul.HeapAccumulator(this);
  }

  @Override
  Accumulator newAccumulatorIn(DMatrixRMaj home) {
    return new JavaMatMul.HeapAccumulator(this, home);
  }

  private void run(
      Op opA,
      Op opB,
      int m,
      int n,
      int k,
      double[] a,
      int aOffset,
      int lda,
      double[] b,
      int bOffset,
      int ldb,
      double beta,
      double[] c,
      int cOffset) {
    int transA = opA == Op.N ? CblasNoTrans : CblasTrans;
    int transB = opB == Op.N ? CblasNoTrans : CblasTrans;
    int parts = OpenBlasMatMul.parts(productThreads, m, n, k);
    if (parts > 1) {
      split.run(parts, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset);
    } else {
      PinnedBlas.dgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset);
    }
  }

  /**
   * One product divided by rows of C among {@link Workers}: part p computes rows {@code [m p /
   * parts, m (p+1) / parts)}.
   */
  private static final class RowSplit implements IntConsumer {
    private int parts;
    private int transA;
    private int transB;
    private int m;
    private int n;
    private int k;
    private double[] a;
    private int aOffset;
    private int lda;
    private double[] b;
    private int bOffset;
    private int ldb;
    private double beta;
    private double[] c;
    private int cOffset;

    synchronized void run(
        int parts,
        int transA,
        int transB,
        int m,
        int n,
        int k,
        double[] a,
        int aOffset,
        int lda,
        double[] b,
        int bOffset,
        int ldb,
        double beta,
        double[] c,
        int cOffset) {
      this.parts = parts;
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.aOffset = aOffset;
      this.lda = lda;
      this.b = b;
      this.bOffset = bOffset;
      this.ldb = ldb;
      this.beta = beta;
      this.c = c;
      this.cOffset = cOffset;
      try {
        Workers.run(parts, this);
      } finally {
        this.a = null;
        this.b = null;
        this.c = null;
      }
    }

    @Override
    public void accept(int part) {
      int first = (int) ((long) m * part / parts);
      int last = (int) ((long) m * (part + 1) / parts);
      // rows first.. of op(A): rows of A, or columns of A when it is transposed
      int aPart = aOffset + (transA == CblasNoTrans ? first * lda : first);
      PinnedBlas.dgemm(
          transA,
          transB,
          last - first,
          n,
          k,
          a,
          aPart,
          lda,
          b,
          bOffset,
          ldb,
          beta,
          c,
          cOffset + first * n);
    }
  }
}
