package org.rnnkit.nn.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;

/**
 * A large product divided by rows of C among {@link Workers}: part p computes rows {@code [m p /
 * parts, m (p+1) / parts)} with a single-threaded {@code cblas_dgemm}; each row of C is computed
 * exactly as without the split, so the numbers do not depend on the thread count.
 */
final class RowSplit {
  /** Below this many multiply-adds a product is not split across threads. */
  private static final long MIN_PARALLEL_WORK = 1L << 21;

  /** Each part of a split product gets at least this many rows of C. */
  private static final int MIN_PARALLEL_ROWS = 16;

  private RowSplit() {}

  /**
   * Row-major {@code C[cOffset..] = op(A[aOffset..]) op(B[bOffset..]) + beta C[cOffset..]}, C's
   * leading dimension n: {@link PinnedBlas#dgemm}'s arguments, named once.
   */
  record Gemm(
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

    /** Rows {@code first .. last-1} of C. */
    void rows(int first, int last) {
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

  /**
   * {@link PinnedBlas#dgemm} with these arguments, split by rows of C across {@link
   * MatMul#threads()} when it is large (the arguments are then named once, in a {@link Gemm}).
   */
  static void run(
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
    int parts = parts(m, n, k);
    if (parts == 1) {
      PinnedBlas.dgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset);
      return;
    }
    Gemm gemm =
        new Gemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset);
    Workers.run(
        parts, p -> gemm.rows((int) ((long) m * p / parts), (int) ((long) m * (p + 1) / parts)));
  }

  /**
   * How many row parts of C a product is split into: one unless it is large, the threads allow and
   * the caller is not already one part of a split.
   */
  static int parts(int m, int n, int k) {
    int threads = Math.min(MatMul.threads(), Workers.MAX_PARTS);
    if (threads == 1 || (long) m * n * k < MIN_PARALLEL_WORK || Workers.busy()) {
      return 1;
    }
    return Math.max(1, Math.min(threads, m / MIN_PARALLEL_ROWS));
  }
}
