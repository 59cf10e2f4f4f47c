package org.rnnkit.nn.linalg;

/**
 * The pure-Java backend: cache-blocked loops in the "row axpy" form ({@code c[i,:] += a[i,p] *
 * b[p,:]}) that the JIT vectorises, on the calling thread. A transposed right operand is laid out
 * row-major once per call (or once per {@link Operand#set}), never read column-wise in the inner
 * loop.
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
  void product(Op opA, Op opB, int m, int n, int k, double beta, Block a, Block b, Block c) {
    double[] bData = b.data();
    int bOffset = b.offset();
    if (opB == Op.T) {
      // op(B) = B^T, laid out k x n once so the inner loop reads rows
      bData = transpose(bData, bOffset, n, k);
      bOffset = 0;
    }
    multiply(
        opA, m, n, k, beta, a.data(), a.offset(), a.cols(), bData, bOffset, c.data(), c.offset());
  }

  @Override
  void product(int m, int n, int k, double beta, Block a, Operand w, Block c) {
    multiply(
        Op.N, m, n, k, beta, a.data(), a.offset(), a.cols(), w.rowMajor(), 0, c.data(), c.offset());
  }

  /**
   * C = op(A) B + beta C with B a contiguous k x n block at {@code bOffset} and C an m x n block at
   * {@code cOffset} (arrays, not blocks, so that a caller's blocks need not outlive its call).
   */
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
      double[] cData,
      int cOffset) {
    scale(cData, cOffset, m * n, beta);
    if (opA == Op.N && n == 1) {
      multiplyVector(m, k, a, aOffset, lda, b, bOffset, cData, cOffset);
    } else if (opA == Op.N) {
      multiplyNn(m, n, k, a, aOffset, lda, b, bOffset, cData, cOffset);
    } else {
      multiplyTn(m, n, k, a, aOffset, lda, b, bOffset, cData, cOffset);
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

  static void transposeInto(double[] src, int offset, int rows, int cols, double[] dst) {
    for (int r = 0; r < rows; r++) {
      int s = offset + r * cols;
      for (int c = 0; c < cols; c++) {
        dst[c * rows + r] = src[s + c];
      }
    }
  }
}
