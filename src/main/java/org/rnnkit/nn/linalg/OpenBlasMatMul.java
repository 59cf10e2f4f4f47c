package org.rnnkit.nn.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import java.util.function.IntConsumer;
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
  static final long MIN_WORK = 8192;

  /** Minimum multiply-adds per copied value for the native path. */
  private static final int MIN_FLOPS_PER_COPY = 8;

  /** Below this many multiply-adds a product is not split across threads. */
  private static final long MIN_PARALLEL_WORK = 1L << 21;

  /** Below this many values a copy to native memory is not split across threads. */
  private static final int MIN_PARALLEL_COPY = 1 << 16;

  /** Each part of a split product gets at least this many rows of C. */
  private static final int MIN_PARALLEL_ROWS = 16;

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

  /** The threads a product may be split across (see {@link #applyThreads}). */
  private volatile int productThreads = 1;

  private final RowSplit split = new RowSplit();
  private final SplitCopy copy = new SplitCopy();

  private OpenBlasMatMul() {
    // OpenBLAS's own thread pool stays unused (see applyThreads)
    Pointer address = Loader.addressof("openblas_set_num_threads");
    if (address != null) {
      // the protected constructor allocates the native holder that put() fills
      new openblas_nolapack.SetNumThreads() {}.put(address).call(1);
    } else {
      openblas_nolapack.blas_set_num_threads(1);
    }
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
    return "openblas-copy";
  }

  /**
   * OpenBLAS itself always runs on one thread: its pool's threads busy-wait for a while after each
   * product, and on a 2-core machine they took the cores from the recurrence that follows (2-thread
   * LSTM inference ran 1.3x slower than with them asleep). Instead a large product is split by rows
   * of C across {@link Workers}, each part a single-threaded {@code cblas_dgemm}.
   */
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
    long copies = (long) m * k + (long) k * n + (long) m * n * (beta == 0 ? 1 : 2);
    if (!worthIt(m, n, k, copies)) {
      JavaMatMul.INSTANCE.gemm(opA, opB, m, n, k, beta, a, aRow, b, bRow, c, cRow);
      return;
    }
    Workspace w = workspaces.get();
    int parts = parts(m, n, k);
    DoublePointer pa = w.a(m * k);
    put(pa, a.data, aRow * a.numCols, m * k, parts, w);
    DoublePointer pb = w.b(k * n);
    put(pb, b.data, bRow * b.numCols, k * n, parts, w);
    DoublePointer pc = resultBlock(beta, c, cRow, m, n, w);
    run(opA, opB, m, n, k, beta, pa, a.numCols, pb, b.numCols, pc, c, cRow);
  }

  /** C's m x n block in this thread's native workspace, holding C's values when beta needs them. */
  private static DoublePointer resultBlock(
      double beta, DMatrixRMaj c, int cRow, int m, int n, Workspace w) {
    DoublePointer pc = w.c(m * n);
    if (beta != 0) {
      pc.put(c.data, cRow * n, m * n);
    }
    return pc;
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
          opA, m, n, k, beta, a.data, aRow * a.numCols, a.numCols, operand.heap(), 0, c, cRow);
      return;
    }
    Workspace w = workspaces.get();
    DoublePointer pa = w.a(m * k);
    pa.put(a.data, aRow * a.numCols, m * k);
    DoublePointer pc = resultBlock(beta, c, cRow, m, n, w);
    run(opA, operand.op, m, n, k, beta, pa, a.numCols, operand.data, operand.ld, pc, c, cRow);
  }

  @Override
  public Accumulator newAccumulator() {
    return new NativeAccumulator();
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
    NativeAccumulator target = (NativeAccumulator) acc;
    long copies = (long) m * k + (long) k * n + (long) m * n;
    if (!worthIt(m, n, k, copies)) {
      target.onHeap.value.reshape(m, n);
      JavaMatMul.INSTANCE.gemm(opA, opB, m, n, k, 0, a, aRow, b, bRow, target.onHeap.value, 0);
      target.useHeap(m, n);
      return;
    }
    check(opA, opB, m, n, k, a, aRow, b, bRow, null, 0);
    DoublePointer pc = target.useNative(m, n);
    Workspace w = workspaces.get();
    int parts = parts(m, n, k);
    DoublePointer pa = w.a(m * k);
    put(pa, a.data, aRow * a.numCols, m * k, parts, w);
    DoublePointer pb = w.b(k * n);
    put(pb, b.data, bRow * b.numCols, k * n, parts, w);
    // the result stays native: no heap target
    run(opA, opB, m, n, k, 0, pa, a.numCols, pb, b.numCols, pc, null, 0);
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
    NativeAccumulator source = (NativeAccumulator) acc;
    if (source.heapValid) {
      source.onHeap.addTo(this, opA, m, a, aRow, b, accRow, c, cRow);
      return;
    }
    NativeOperand operand = (NativeOperand) b;
    int n = operand.cols;
    int k = operand.rows;
    source.checkRows(accRow, m, n);
    check(opA, Op.N, m, n, k, a, aRow, null, 0, c, cRow);
    Workspace w = workspaces.get();
    DoublePointer block = w.view(w.accumulatorViews, 0, source.data, (long) accRow * n);
    long copies = (long) m * k + 2L * m * n;
    if (!worthIt(m, n, k, copies)) {
      // too small for a native call: the block comes to the heap and the product adds in Java
      block.get(c.data, cRow * n, m * n);
      JavaMatMul.multiply(
          opA, m, n, k, 1, a.data, aRow * a.numCols, a.numCols, operand.heap(), 0, c, cRow);
      return;
    }
    DoublePointer pa = w.a(m * k);
    pa.put(a.data, aRow * a.numCols, m * k);
    int transA = opA == Op.N ? CblasNoTrans : CblasTrans;
    int transB = operand.op == Op.N ? CblasNoTrans : CblasTrans;
    // beta = 1: added in place onto the accumulator's block, which then goes to C
    cblas_dgemm(
        CblasRowMajor,
        transA,
        transB,
        m,
        n,
        k,
        1.0,
        pa,
        a.numCols,
        operand.data,
        operand.ld,
        1.0,
        block,
        n);
    block.get(c.data, cRow * n, m * n);
  }

  /**
   * {@code dst[0 .. length) = src[offset ..]}: a large copy for a product split in {@code parts} is
   * split the same way (one memory stream is not enough to fill both cores' bandwidth).
   */
  private void put(
      DoublePointer dst, double[] src, int offset, int length, int parts, Workspace w) {
    if (parts > 1 && length >= MIN_PARALLEL_COPY) {
      copy.run(parts, dst, src, offset, length, w);
    } else {
      dst.put(src, offset, length);
    }
  }

  private static boolean worthIt(int m, int n, int k, long copies) {
    long work = (long) m * n * k;
    return work >= MIN_WORK && work >= MIN_FLOPS_PER_COPY * copies;
  }

  /**
   * {@code C = op(A) op(B) + beta C} on native operands, split by rows across threads when large;
   * C's rows then go to {@code target} (none when C stays native, as an accumulator).
   */
  private void run(
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
      DoublePointer pc,
      DMatrixRMaj target,
      int targetRow) {
    int transA = opA == Op.N ? CblasNoTrans : CblasTrans;
    int transB = opB == Op.N ? CblasNoTrans : CblasTrans;
    int parts = parts(m, n, k);
    if (parts > 1) {
      Workspace w = workspaces.get();
      split.run(parts, transA, transB, m, n, k, beta, pa, lda, pb, ldb, pc, target, targetRow, w);
      return;
    }
    cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, 1.0, pa, lda, pb, ldb, beta, pc, n);
    if (target != null) {
      pc.get(target.data, targetRow * n, m * n);
    }
  }

  private int parts(int m, int n, int k) {
    return parts(productThreads, m, n, k);
  }

  /**
   * How many row parts of C a product is split into: one unless it is large and {@code threads}
   * allow.
   */
  static int parts(int productThreads, int m, int n, int k) {
    int threads = Math.min(productThreads, Workers.MAX_PARTS);
    if (threads == 1 || (long) m * n * k < MIN_PARALLEL_WORK || Workers.busy()) {
      return 1;
    }
    return Math.max(1, Math.min(threads, m / MIN_PARALLEL_ROWS));
  }

  @Override
  public Operand newOperand() {
    return new NativeOperand();
  }

  /**
   * One product divided by rows of C among {@link Workers}: part p computes rows {@code [m p /
   * parts, m (p+1) / parts)} with a single-threaded {@code cblas_dgemm} on views of the shared
   * native operands, and copies its rows of C back to the heap itself (unless C stays native: an
   * accumulator).
   */
  private static final class RowSplit implements IntConsumer {
    private int parts;
    private int transA;
    private int transB;
    private int m;
    private int n;
    private int k;
    private double beta;
    private DoublePointer a;
    private int lda;
    private DoublePointer b;
    private int ldb;
    private DoublePointer c;
    private DMatrixRMaj target;
    private int targetRow;
    private Workspace views;

    synchronized void run(
        int parts,
        int transA,
        int transB,
        int m,
        int n,
        int k,
        double beta,
        DoublePointer a,
        int lda,
        DoublePointer b,
        int ldb,
        DoublePointer c,
        DMatrixRMaj target,
        int targetRow,
        Workspace views) {
      this.parts = parts;
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.beta = beta;
      this.a = a;
      this.lda = lda;
      this.b = b;
      this.ldb = ldb;
      this.c = c;
      this.target = target;
      this.targetRow = targetRow;
      this.views = views;
      try {
        Workers.run(parts, this);
      } finally {
        this.a = null;
        this.b = null;
        this.c = null;
        this.target = null;
        this.views = null;
      }
    }

    @Override
    public void accept(int part) {
      int first = (int) ((long) m * part / parts);
      int last = (int) ((long) m * (part + 1) / parts);
      // rows first.. of op(A): rows of A, or columns of A when it is transposed
      long aOffset = transA == CblasNoTrans ? (long) first * lda : first;
      DoublePointer aPart = views.view(views.aViews, part, a, aOffset);
      DoublePointer cPart = views.view(views.cViews, part, c, (long) first * n);
      cblas_dgemm(
          CblasRowMajor,
          transA,
          transB,
          last - first,
          n,
          k,
          1.0,
          aPart,
          lda,
          b,
          ldb,
          beta,
          cPart,
          n);
      if (target != null) {
        cPart.get(target.data, (targetRow + first) * n, (last - first) * n);
      }
    }
  }

  /** One heap-to-native copy divided into contiguous parts among {@link Workers}. */
  private static final class SplitCopy implements IntConsumer {
    private int parts;
    private DoublePointer dst;
    private double[] src;
    private int offset;
    private int length;
    private Workspace views;

    synchronized void run(
        int parts, DoublePointer dst, double[] src, int offset, int length, Workspace views) {
      this.parts = parts;
      this.dst = dst;
      this.src = src;
      this.offset = offset;
      this.length = length;
      this.views = views;
      try {
        Workers.run(parts, this);
      } finally {
        this.dst = null;
        this.src = null;
        this.views = null;
      }
    }

    @Override
    public void accept(int part) {
      int first = (int) ((long) length * part / parts);
      int last = (int) ((long) length * (part + 1) / parts);
      views.view(views.copyViews, part, dst, first).put(src, offset + first, last - first);
    }
  }

  /** Native workspaces of one thread, grown as needed and kept. */
  private static final class Workspace {
    private DoublePointer a = new DoublePointer(1);
    private DoublePointer b = new DoublePointer(1);
    private DoublePointer c = new DoublePointer(1);
    // per part of a split product: views into a and c, made once per buffer (no garbage per call)
    final DoublePointer[] aViews = new DoublePointer[Workers.MAX_PARTS];
    final DoublePointer[] cViews = new DoublePointer[Workers.MAX_PARTS];
    final DoublePointer[] accumulatorViews = new DoublePointer[1];
    final DoublePointer[] copyViews = new DoublePointer[Workers.MAX_PARTS];

    /** {@code base} moved on by {@code offset} values, through the kept view of {@code part}. */
    DoublePointer view(DoublePointer[] views, int part, DoublePointer base, long offset) {
      DoublePointer v = views[part];
      if (v == null || v.address() != base.address() || v.capacity() != base.capacity()) {
        // a view does not own the memory: it is never closed, and collecting it frees nothing
        v = new DoublePointer(base);
        views[part] = v;
      }
      return v.position(base.position() + offset);
    }

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
   * The input product in native memory; or on the heap when it was too small for the native path.
   */
  private final class NativeAccumulator extends Accumulator {
    DoublePointer data = new DoublePointer(1);
    final JavaMatMul.HeapAccumulator onHeap = new JavaMatMul.HeapAccumulator(OpenBlasMatMul.this);
    boolean heapValid;

    /** Sizes the native buffer for an m x n result and marks it as the valid one. */
    DoublePointer useNative(int m, int n) {
      long size = (long) m * n;
      if (data.capacity() < size) {
        data.close();
        data = new DoublePointer(size);
      }
      rows = m;
      cols = n;
      heapValid = false;
      return data;
    }

    void useHeap(int m, int n) {
      rows = m;
      cols = n;
      onHeap.rows = m;
      onHeap.cols = n;
      heapValid = true;
    }

    @Override
    public MatMul owner() {
      return OpenBlasMatMul.this;
    }
  }

  /** B as {@link HeldOperand} keeps it, and a native copy of it for {@code cblas_dgemm}. */
  private final class NativeOperand extends HeldOperand {
    DoublePointer data = new DoublePointer(1);

    NativeOperand() {
      super(OpenBlasMatMul.this);
    }

    @Override
    public void set(DMatrixRMaj b, Op op) {
      super.set(b, op);
      int size = rows * cols;
      if (data.capacity() < size) {
        data.close();
        data = new DoublePointer(size);
      }
      data.put(source, 0, size);
    }
  }
}
