package org.rnnkit.nn.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

/**
 * The OpenBLAS backend: {@code cblas_dgemm} on native copies of the operand blocks.
 *
 * <p>JavaCPP passes a Java {@code double[]} to native code by copying the whole array in and out,
 * whatever part the product reads; so this backend copies exactly the row blocks a product touches
 * into per-thread native workspaces (one {@code memcpy} each) and the result block back. A constant
 * right operand ({@link Operand}) stays in native memory between products. Products too small, or
 * too thin ({@code k} or the flop-per-copied-value ratio small), for the copies and the native call
 * to pay off run on the Java kernel instead.
 */
final class OpenBlasMatMul extends MatMul {
  /** Below this many multiply-adds a native call does not pay off. */
  private static final long MIN_WORK = 8192;

  /** Minimum multiply-adds per copied value for the native path. */
  private static final int MIN_FLOPS_PER_COPY = 8;

  private static final OpenBlasMatMul INSTANCE;
  private static final String UNAVAILABLE;

  static {
    OpenBlasMatMul instance = null;
    String reason = "";
    if (!"java".equalsIgnoreCase(System.getProperty("rnnkit.blas", "auto").trim())) {
      try {
        Loader.load(openblas_nolapack.class);
        instance = new OpenBlasMatMul();
      } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, platform mismatch
        reason = ": " + e;
      }
    } else {
      reason = ": not loaded (rnnkit.blas=java)";
    }
    INSTANCE = instance;
    UNAVAILABLE = reason;
  }

  private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

  /**
   * {@code openblas_set_num_threads}, looked up once: JavaCPP's {@code blas_set_num_threads} looks
   * the symbol up (and allocates) on every call, and layers switch the count twice per pass.
   */
  private final openblas_nolapack.SetNumThreads setNumThreads;

  private int appliedThreads = -1;

  private OpenBlasMatMul() {
    Pointer address = Loader.addressof("openblas_set_num_threads");
    // the protected constructor allocates the native holder that put() fills
    setNumThreads = address == null ? null : new openblas_nolapack.SetNumThreads() {}.put(address);
  }

  static OpenBlasMatMul instance() {
    return INSTANCE;
  }

  /** Why OpenBLAS is not in use, for the debug line; empty when it loaded. */
  static String unavailableReason() {
    return INSTANCE == null ? " - OpenBLAS unavailable" + UNAVAILABLE : "";
  }

  @Override
  public String name() {
    return "openblas";
  }

  @Override
  synchronized void applyThreads(int count) {
    if (count == appliedThreads) {
      return;
    }
    if (setNumThreads != null) {
      setNumThreads.call(count);
    } else {
      openblas_nolapack.blas_set_num_threads(count);
    }
    appliedThreads = count;
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
    long copies = (long) m * k + (long) k * n + (long) m * n * (beta == 0 ? 1 : 2);
    if (!worthIt(m, n, k, copies)) {
      JavaMatMul.INSTANCE.gemm(opA, opB, m, n, k, beta, a, aRow, b, bRow, c, cRow);
      return;
    }
    Workspace w = workspaces.get();
    DoublePointer pa = w.a(m * k);
    pa.put(a.data, aRow * a.numCols, m * k);
    DoublePointer pb = w.b(k * n);
    pb.put(b.data, bRow * b.numCols, k * n);
    run(opA, opB, m, n, k, beta, pa, a.numCols, pb, b.numCols, c, cRow, w);
  }

  @Override
  public void gemm(
      Op opA, int m, double beta, DMatrixRMaj a, int aRow, Operand b, DMatrixRMaj c, int cRow) {
    NativeOperand operand = (NativeOperand) b;
    int n = operand.cols;
    int k = operand.rows;
    check(opA, Op.N, m, n, k, a, aRow, null, 0, c, cRow);
    long copies = (long) m * k + (long) m * n * (beta == 0 ? 1 : 2);
    if (!worthIt(m, n, k, copies)) {
      JavaMatMul.multiply(
          opA, m, n, k, beta, a.data, aRow * a.numCols, a.numCols, operand.heap, 0, c, cRow);
      return;
    }
    Workspace w = workspaces.get();
    DoublePointer pa = w.a(m * k);
    pa.put(a.data, aRow * a.numCols, m * k);
    run(opA, Op.N, m, n, k, beta, pa, a.numCols, operand.data, n, c, cRow, w);
  }

  private static boolean worthIt(int m, int n, int k, long copies) {
    long work = (long) m * n * k;
    return work >= MIN_WORK && work >= MIN_FLOPS_PER_COPY * copies;
  }

  private static void run(
      Op opA,
      Op opB,
      int m,
      int n,
      int k,
      double beta,
      DoublePointer pa,
      int lda,
      DoublePointer pb,
      int ldb,
      DMatrixRMaj c,
      int cRow,
      Workspace w) {
    int size = m * n;
    DoublePointer pc = w.c(size);
    if (beta != 0) {
      pc.put(c.data, cRow * n, size);
    }
    cblas_dgemm(
        CblasRowMajor,
        opA == Op.N ? CblasNoTrans : CblasTrans,
        opB == Op.N ? CblasNoTrans : CblasTrans,
        m,
        n,
        k,
        1.0,
        pa,
        lda,
        pb,
        ldb,
        beta,
        pc,
        n);
    pc.get(c.data, cRow * n, size);
  }

  @Override
  public Operand newOperand() {
    return new NativeOperand();
  }

  /** Native workspaces of one thread, grown as needed and kept. */
  private static final class Workspace {
    private DoublePointer a = new DoublePointer(1);
    private DoublePointer b = new DoublePointer(1);
    private DoublePointer c = new DoublePointer(1);

    DoublePointer a(long size) {
      if (a.capacity() < size) {
        a.close();
        a = new DoublePointer(size);
      }
      return a;
    }

    DoublePointer b(long size) {
      if (b.capacity() < size) {
        b.close();
        b = new DoublePointer(size);
      }
      return b;
    }

    DoublePointer c(long size) {
      if (c.capacity() < size) {
        c.close();
        c = new DoublePointer(size);
      }
      return c;
    }
  }

  /**
   * {@code op(B)} in native memory for {@code cblas_dgemm}, and row-major on the heap for the
   * products small enough to run in Java.
   */
  private final class NativeOperand extends Operand {
    DoublePointer data = new DoublePointer(1);
    double[] heap = new double[0];

    @Override
    public void set(DMatrixRMaj source, Op op) {
      rows = op == Op.N ? source.numRows : source.numCols;
      cols = op == Op.N ? source.numCols : source.numRows;
      int size = rows * cols;
      if (heap.length < size) {
        heap = new double[size];
      }
      if (op == Op.N) {
        System.arraycopy(source.data, 0, heap, 0, size);
      } else {
        JavaMatMul.transposeInto(source.data, 0, source.numRows, source.numCols, heap);
      }
      if (data.capacity() < size) {
        data.close();
        data = new DoublePointer(size);
      }
      data.put(heap, 0, size);
    }

    @Override
    public MatMul owner() {
      return OpenBlasMatMul.this;
    }
  }
}
