package org.rnnkit.nn.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The OpenBLAS backend: {@code cblas_dgemm} reads and writes the EJML matrices' {@code double[]} in
 * place, pinned by {@link PinnedBlas}. A large product is split by rows of C across {@link
 * Workers}, each part one single-threaded dgemm ({@link RowSplit}). Products below {@link
 * #MIN_WORK} multiply-adds run on the Java kernel, where a native call would cost more than it
 * saves.
 *
 * <p>OpenBLAS itself always runs on one thread: its pool's threads busy-wait for a while after each
 * product, and on a 2-core machine they took the cores from the recurrence that follows (2-thread
 * LSTM inference ran 1.3x slower than with them asleep).
 */
final class OpenBlasMatMul extends MatMul {
  /** Below this many multiply-adds a native call does not pay off. */
  static final long MIN_WORK = 8192;

  /** Present when OpenBLAS and the shim loaded, and {@code rnnkit.blas} is not {@code java}. */
  static final OpenBlasMatMul INSTANCE;

  private static final String UNAVAILABLE;

  static {
    OpenBlasMatMul instance = null;
    String reason = "";
    if (Settings.javaOnly()) {
      reason = "OpenBLAS not loaded (rnnkit.blas=java)";
    } else if (!PinnedBlas.available()) {
      reason = "OpenBLAS unavailable: " + PinnedBlas.unavailableReason();
    } else {
      instance = new OpenBlasMatMul();
    }
    INSTANCE = instance;
    UNAVAILABLE = reason;
  }

  private OpenBlasMatMul() {
    Pointer address = Loader.addressof("openblas_set_num_threads");
    if (address != null) {
      // the protected constructor allocates the native holder that put() fills
      new openblas_nolapack.SetNumThreads() {}.put(address).call(1);
    } else {
      openblas_nolapack.blas_set_num_threads(1);
    }
  }

  /** Why OpenBLAS is not in use, for messages; empty when it is present. */
  static String unavailableReason() {
    return UNAVAILABLE;
  }

  @Override
  public String name() {
    return "openblas";
  }

  @Override
  void product(Op opA, Op opB, int m, int n, int k, double beta, Block a, Block b, Block c) {
    if ((long) m * n * k < MIN_WORK) {
      JavaMatMul.INSTANCE.product(opA, opB, m, n, k, beta, a, b, c);
      return;
    }
    RowSplit.run(
        trans(opA),
        trans(opB),
        m,
        n,
        k,
        a.data(),
        a.offset(),
        a.cols(),
        b.data(),
        b.offset(),
        b.cols(),
        beta,
        c.data(),
        c.offset());
  }

  @Override
  void product(int m, int n, int k, double beta, Block a, Operand w, Block c) {
    if ((long) m * n * k < MIN_WORK) {
      JavaMatMul.INSTANCE.product(m, n, k, beta, a, w, c);
      return;
    }
    RowSplit.run(
        CblasNoTrans,
        trans(w.op()),
        m,
        n,
        k,
        a.data(),
        a.offset(),
        a.cols(),
        w.source(),
        0,
        w.ld(),
        beta,
        c.data(),
        c.offset());
  }

  private static int trans(Op op) {
    return op == Op.N ? CblasNoTrans : CblasTrans;
  }
}
