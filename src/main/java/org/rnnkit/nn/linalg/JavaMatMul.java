package org.rnnkit.nn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The pure-Java backend: cache-blocked loops in the "row axpy" form ({@code c[i,:] += a[i,p] *
 * b[p,:]}) that the JIT vectorises. A transposed right operand is laid out row-major once per call
 * (or once per {@link Operand#set}), never read column-wise in the inner loop.
 */
final class JavaMatMul extends MatMul {
  static final JavaMatMul INSTANCE = new JavaMatMul();

  /** Rows of B per block in the {@code N N} kernel: 64 rows of up to 256 doubles fit in L2. */
  private static final int K_BLOCK = 64;

  /** Rows of C per block in the {@code T N} kernel. */
  private static final int M_BLOCK = 64;

  private final ThreadLocal<double[][]> transposed =
      ThreadLocal.withInitial(() -> new double[1][0]);

  private JavaMatMul() {}

  @Override
  public String name() {
    return "java";
  }

  @Override
  public Accumulator newAccumulator() {
    return new HeapAccumulator(this);
  }

  @Override
  Accumulator newAccumulatorIn(DMatrixRMaj home) {
    return new HeapAccumulator(this, home);
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
    ((HeapAccumulator) acc).fill(this, opA, opB, m, n, k, a, aRow, b, bRow);
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
    ((HeapAccumulator) acc).addTo(this, opA, m, a, aRow, b, accRow, c, cRow);
  }

  @Override
  void applyThreads(int count) {
    // the kernel runs on the calling thread
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
    double[] bData = b.data;
    int bOffset = bRow * b.numCols;
    if (opB == Op.T) {
      // op(B) = B^T, laid out k x n once so the inner loop reads rows
      bData = transpose(b.data, bOffset, n, k);
      bOffset = 0;
    }
    multiply(opA, m, n, k, beta, a.data, aRow * a.numCols, a.numCols, bData, bOffset, c, cRow);
  }

  @Override
  public void gemm(
      Op opA, int m, double beta, DMatrixRMaj a, int aRow, Operand b, DMatrixRMaj c, int cRow) {
    JavaOperand operand = (JavaOperand) b;
    int n = operand.cols;
    int k = operand.rows;
    check(opA, Op.N, m, n, k, a, aRow, null, 0, c, cRow);
    multiply(opA, m, n, k, beta, a.data, aRow * a.numCols, a.numCols, operand.data, 0, c, cRow);
  }

  @Override
  public Operand newOperand() {
    return new JavaOperand();
  }

  /** C = op(A) B + beta C with B a contiguous k x n block at {@code bOffset}. */
  static void multiply(
      Op opA,
      int m,
      int n,
      int k,
      double beta,
      double[] a,
      int aOffset,
      int lda,
      double[] b,
      int bOffset,
      DMatrixRMaj c,
      int cRow) {
    int cOffset = cRow * n;
    scale(c.data, cOffset, m * n, beta);
    if (opA == Op.N && n == 1) {
      multiplyVector(m, k, a, aOffset, lda, b, bOffset, c.data, cOffset);
    } else if (opA == Op.N) {
      multiplyNn(m, n, k, a, aOffset, lda, b, bOffset, c.data, cOffset);
    } else {
      multiplyTn(m, n, k, a, aOffset, lda, b, bOffset, c.data, cOffset);
    }
  }

  private static void scale(double[] c, int from, int count, double beta) {
    if (beta == 0) {
      java.util.Arrays.fill(c, from, from + count, 0);
    } else if (beta != 1) {
      for (int i = from; i < from + count; i++) {
        c[i] *= beta;
      }
    }
  }

  /**
   * c += A b for a single column b (k x 1): one dot product per row of A, four rows at a time so
   * that four independent sums are in flight (each row's sum keeps its order).
   */
  private static void multiplyVector(
      int m, int k, double[] a, int ao, int lda, double[] b, int bo, double[] c, int co) {
    int i = 0;
    for (; i + 3 < m; i += 4) {
      int a0 = ao + i * lda;
      int a1 = a0 + lda;
      int a2 = a1 + lda;
      int a3 = a2 + lda;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int p = 0; p < k; p++) {
        double bp = b[bo + p];
        s0 += a[a0 + p] * bp;
        s1 += a[a1 + p] * bp;
        s2 += a[a2 + p] * bp;
        s3 += a[a3 + p] * bp;
      }
      c[co + i] += s0;
      c[co + i + 1] += s1;
      c[co + i + 2] += s2;
      c[co + i + 3] += s3;
    }
    for (; i < m; i++) {
      int ai = ao + i * lda;
      double sum = 0;
      for (int p = 0; p < k; p++) {
        sum += a[ai + p] * b[bo + p];
      }
      c[co + i] += sum;
    }
  }

  /** c += A B, A m x k (row stride lda), B k x n contiguous; four rows of B per pass over c. */
  private static void multiplyNn(
      int m, int n, int k, double[] a, int ao, int lda, double[] b, int bo, double[] c, int co) {
    for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
      int p1 = Math.min(k, p0 + K_BLOCK);
      for (int i = 0; i < m; i++) {
        int ai = ao + i * lda;
        int ci = co + i * n;
        int p = p0;
        for (; p + 3 < p1; p += 4) {
          double a0 = a[ai + p];
          double a1 = a[ai + p + 1];
          double a2 = a[ai + p + 2];
          double a3 = a[ai + p + 3];
          int b0 = bo + p * n;
          int b1 = b0 + n;
          int b2 = b1 + n;
          int b3 = b2 + n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
          }
        }
        for (; p < p1; p++) {
          double a0 = a[ai + p];
          int b0 = bo + p * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += a0 * b[b0 + j];
          }
        }
      }
    }
  }

  /** c += A^T B, A k x m (row stride lda), B k x n contiguous; blocks of C rows stay in cache. */
  private static void multiplyTn(
      int m, int n, int k, double[] a, int ao, int lda, double[] b, int bo, double[] c, int co) {
    for (int i0 = 0; i0 < m; i0 += M_BLOCK) {
      int i1 = Math.min(m, i0 + M_BLOCK);
      int p = 0;
      for (; p + 1 < k; p += 2) {
        int a0 = ao + p * lda;
        int a1 = a0 + lda;
        int b0 = bo + p * n;
        int b1 = b0 + n;
        for (int i = i0; i < i1; i++) {
          double x0 = a[a0 + i];
          double x1 = a[a1 + i];
          int ci = co + i * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += x0 * b[b0 + j] + x1 * b[b1 + j];
          }
        }
      }
      for (; p < k; p++) {
        int a0 = ao + p * lda;
        int b0 = bo + p * n;
        for (int i = i0; i < i1; i++) {
          double x0 = a[a0 + i];
          int ci = co + i * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += x0 * b[b0 + j];
          }
        }
      }
    }
  }

  /** The transpose of the rows x cols block at {@code offset}, in a per-thread workspace. */
  private double[] transpose(double[] src, int offset, int rows, int cols) {
    double[][] holder = transposed.get();
    if (holder[0].length < rows * cols) {
      holder[0] = new double[rows * cols];
    }
    transposeInto(src, offset, rows, cols, holder[0]);
    return holder[0];
  }

  /**
   * An accumulator on the heap: the Java backend's and the pinned OpenBLAS backend's, and the
   * copying OpenBLAS backend's when a product was too small for the native path.
   */
  static final class HeapAccumulator extends Accumulator {
    final DMatrixRMaj value;
    private final MatMul owner;

    HeapAccumulator(MatMul owner) {
      this(owner, new DMatrixRMaj(1, 1));
    }

    /**
     * An accumulator whose values live in {@code home} (see {@link
     * MatMul#newAccumulator(DMatrixRMaj)}).
     */
    HeapAccumulator(MatMul owner, DMatrixRMaj home) {
      this.owner = owner;
      this.value = home;
    }

    @Override
    public MatMul owner() {
      return owner;
    }

    /** value = op(A) op(B), the product through {@code backend}. */
    void fill(
        MatMul backend,
        Op opA,
        Op opB,
        int m,
        int n,
        int k,
        DMatrixRMaj a,
        int aRow,
        DMatrixRMaj b,
        int bRow) {
      value.reshape(m, n);
      backend.gemm(opA, opB, m, n, k, 0, a, aRow, b, bRow, value, 0);
      rows = m;
      cols = n;
    }

    /** c rows = value rows + op(A) B', the product through {@code backend}. */
    void addTo(
        MatMul backend,
        Op opA,
        int m,
        DMatrixRMaj a,
        int aRow,
        Operand b,
        int accRow,
        DMatrixRMaj c,
        int cRow) {
      int n = b.cols();
      checkRows(accRow, m, n);
      MatMul.check(opA, Op.N, m, n, b.rows(), a, aRow, null, 0, c, cRow);
      if (c != value || cRow != accRow) {
        System.arraycopy(value.data, accRow * n, c.data, cRow * n, m * n);
      }
      backend.gemm(opA, m, 1, a, aRow, b, c, cRow);
    }
  }

  static void transposeInto(double[] src, int offset, int rows, int cols, double[] dst) {
    for (int r = 0; r < rows; r++) {
      int s = offset + r * cols;
      for (int c = 0; c < cols; c++) {
        dst[c * rows + r] = src[s + c];
      }
    }
  }

  /** {@code op(B)} laid out row-major, k x n. */
  private final class JavaOperand extends Operand {
    double[] data = new double[0];

    @Override
    public void set(DMatrixRMaj source, Op op) {
      rows = op == Op.N ? source.numRows : source.numCols;
      cols = op == Op.N ? source.numCols : source.numRows;
      int size = rows * cols;
      if (data.length < size) {
        data = new double[size];
      }
      if (op == Op.N) {
        System.arraycopy(source.data, 0, data, 0, size);
      } else {
        transposeInto(source.data, 0, source.numRows, source.numCols, data);
      }
    }

    @Override
    public MatMul owner() {
      return JavaMatMul.this;
    }
  }
}
