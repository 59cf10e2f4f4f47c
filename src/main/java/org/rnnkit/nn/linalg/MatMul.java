package org.rnnkit.nn.linalg;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products on row blocks of {@link DMatrixRMaj}s:
 *
 * <pre>
 *   C[cRow .. cRow+m) = op(A) op(B) + beta * C[cRow .. cRow+m)
 *   op(A): m x k, rows aRow.. of A (A^T: k rows aRow.. of an m-column A)
 *   op(B): k x n, rows bRow.. of B (B^T: n rows bRow.. of a k-column B)
 * </pre>
 *
 * Row offsets let a layer multiply step t of a {@code (T*B) x W} buffer (rows {@code t*B ..
 * t*B+B-1}) in place, without copying the block out. Each matrix's leading dimension is its own
 * {@code numCols}. With {@code beta = 0} the old contents of C are ignored (NaN does not leak).
 *
 * <p>Three backends, fastest first:
 *
 * <ul>
 *   <li>{@code openblas}: {@code cblas_dgemm} of OpenBLAS (from {@code org.bytedeco:openblas}) on
 *       the matrices' arrays in place, pinned through rnnkit's small JNI shim ({@code PinnedBlas});
 *       present when both native libraries load on this platform;
 *   <li>{@code openblas-copy}: the same dgemm on native copies of the blocks a product touches,
 *       through JavaCPP alone; where the shim is missing;
 *   <li>{@code java}: a cache-blocked pure-Java kernel; always present.
 * </ul>
 *
 * {@link #current()} is chosen once from the system property {@code rnnkit.blas}: {@code auto}
 * (default: the first of the three that is present), {@code openblas} (the first OpenBLAS backend
 * present; fail when neither is), {@code openblas-copy} or {@code java}. The choice is logged at
 * debug level ({@code System.Logger} "org.rnnkit.nn.linalg"), with the reason a faster backend is
 * missing.
 *
 * <p>A constant right operand used many times (a weight matrix within one forward or backward pass)
 * goes in an {@link Operand}: the backend keeps it in its best form (OpenBLAS: B as it is, with op
 * handed to dgemm, in native memory for {@code openblas-copy}; Java: {@code op(B)} laid out
 * row-major), so no per-product copy or transpose is made.
 *
 * <p>Threads: {@link #setThreads} (default 1, or the system property {@code rnnkit.threads}) sets
 * how many parts the OpenBLAS backend splits a large product into, by rows of C, each a
 * single-threaded {@code cblas_dgemm} on a {@link Workers} thread (OpenBLAS's own thread pool is
 * not used); layers use the same count to run the sequences of a batch side by side. The Java
 * kernel runs on the calling thread.
 */
public abstract class MatMul {
  private static final System.Logger LOG = System.getLogger("org.rnnkit.nn.linalg");
  private static volatile MatMul current;
  private static volatile int threads = Integer.getInteger("rnnkit.threads", 1);

  MatMul() {}

  /** A short name for messages and benchmarks: {@code openblas} or {@code java}. */
  public abstract String name();

  /**
   * {@code C[cRow..] = op(A) op(B) + beta C[cRow..]}, with the shapes in the class comment.
   *
   * @param a Not modified.
   * @param b Not modified.
   * @param c Modified: rows {@code cRow .. cRow+m-1} only. Must not share data with a or b.
   */
  public abstract void gemm(
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
      int cRow);

  /**
   * {@code C[cRow..] = op(A) B' + beta C[cRow..]} where {@code B'} is the {@code k x n} matrix held
   * by {@code b}.
   *
   * @param a Not modified.
   * @param b Not modified; made by this backend's {@link #newOperand()}.
   * @param c Modified: rows {@code cRow .. cRow+m-1} only.
   */
  public abstract void gemm(
      Op opA, int m, double beta, DMatrixRMaj a, int aRow, Operand b, DMatrixRMaj c, int cRow);

  /** A new, empty right operand for this backend; {@link Operand#set} fills it. */
  public abstract Operand newOperand();

  /**
   * {@code acc = op(A) op(B)} ({@code m x n}), kept in the backend's memory for {@link #gemmAdd}.
   *
   * @param a Not modified.
   * @param b Not modified.
   * @param acc Modified: replaced; made by this backend's {@link #newAccumulator()}.
   */
  public abstract void gemm(
      Op opA,
      Op opB,
      int m,
      int n,
      int k,
      DMatrixRMaj a,
      int aRow,
      DMatrixRMaj b,
      int bRow,
      Accumulator acc);

  /**
   * {@code C[cRow..] = acc[accRow..] + op(A) B'} for m rows, where {@code B'} is the {@code k x n}
   * matrix held by {@code b}: a step's recurrent product added onto its block of the input product
   * without that block passing through the heap before.
   *
   * @param a Not modified.
   * @param b Not modified.
   * @param acc Modified: rows {@code accRow .. accRow+m-1} become undefined (a backend may add in
   *     place); disjoint rows may be used from different threads at once.
   * @param c Modified: rows {@code cRow .. cRow+m-1} only.
   */
  public abstract void gemmAdd(
      Op opA,
      int m,
      DMatrixRMaj a,
      int aRow,
      Operand b,
      Accumulator acc,
      int accRow,
      DMatrixRMaj c,
      int cRow);

  /** A new, empty accumulator for this backend; a {@code gemm} into it fills it. */
  public abstract Accumulator newAccumulator();

  /**
   * A new accumulator that may keep its values in {@code home} itself: then a {@link #gemmAdd} from
   * a block into the same rows of {@code home} adds the product in place, with no copy. The heap
   * backends do so; OpenBLAS with copies keeps its accumulator in native memory and ignores {@code
   * home}.
   *
   * @param home The m x n matrix the {@code gemmAdd}s write into, sized by the caller. Modified by
   *     every {@code gemm} into the accumulator (on the heap backends); the caller must not write
   *     to it in between, except through {@code gemmAdd}.
   */
  public final Accumulator newAccumulator(DMatrixRMaj home) {
    if (home == null) {
      throw new IllegalArgumentException(
          "home is required; use newAccumulator() for an accumulator in the backend's own memory");
    }
    return newAccumulatorIn(home);
  }

  /** {@link #newAccumulator(DMatrixRMaj)} after its check; the backend's own by default. */
  Accumulator newAccumulatorIn(DMatrixRMaj home) {
    return newAccumulator();
  }

  /** Applies the thread count to the backend. */
  abstract void applyThreads(int count);

  /**
   * A right operand {@code B' = op(B)} that a backend keeps in its own form between products. Call
   * {@link #set} again whenever the source matrix changes (for a weight: once per pass).
   */
  public abstract static class Operand {
    int rows;
    int cols;

    Operand() {}

    /**
     * Holds {@code op(source)}.
     *
     * @param source Not modified; copied.
     */
    public abstract void set(DMatrixRMaj source, Op op);

    /** The backend that made this operand. */
    public abstract MatMul owner();

    /** k, the rows of {@code op(B)}. */
    public int rows() {
      return rows;
    }

    /** n, the columns of {@code op(B)}. */
    public int cols() {
      return cols;
    }
  }

  /**
   * A product result held where the backend computes (OpenBLAS: native memory) between products
   * that add onto it ({@link #gemmAdd}), so it is never copied to the heap and back as a whole.
   */
  public abstract static class Accumulator {
    int rows;
    int cols;

    Accumulator() {}

    /** The backend that made this accumulator. */
    public abstract MatMul owner();

    public int rows() {
      return rows;
    }

    public int cols() {
      return cols;
    }

    /** Fails unless rows {@code from .. from+count-1} exist and are {@code n} wide. */
    void checkRows(int from, int count, int n) {
      if (n != cols || from < 0 || count < 0 || from + count > rows) {
        throw new IllegalArgumentException(
            "accumulator: expected a %dx%d block at row %d, it holds %dx%d"
                .formatted(count, n, from, rows, cols));
      }
    }
  }

  /** The backend every layer uses; see the class comment for how it is chosen. */
  public static MatMul current() {
    MatMul m = current;
    if (m == null) {
      synchronized (MatMul.class) {
        if (current == null) {
          current = choose(System.getProperty("rnnkit.blas", "auto"));
          current.applyThreads(threads);
          LOG.log(
              Level.DEBUG,
              "rnnkit matrix products: {0} ({1} thread(s)){2}",
              current.name(),
              threads,
              current instanceof PinnedBlasMatMul ? "" : whyNotPinned());
        }
        m = current;
      }
    }
    return m;
  }

  /**
   * Makes {@code backend} the one every layer uses from now on (tests and benchmarks compare
   * backends this way). Layers pick it up at their next forward.
   */
  public static synchronized void use(MatMul backend) {
    if (backend == null) {
      throw new IllegalArgumentException("backend is required; use MatMul.pureJava() for Java");
    }
    backend.applyThreads(threads);
    current = backend;
  }

  /** The pure-Java backend; always available. */
  public static MatMul pureJava() {
    return JavaMatMul.INSTANCE;
  }

  /**
   * The fastest OpenBLAS backend present ({@code openblas}, else {@code openblas-copy}), or empty
   * when OpenBLAS's native library does not load on this platform.
   */
  public static Optional<MatMul> openBlas() {
    return Optional.<MatMul>ofNullable(PinnedBlasMatMul.INSTANCE).or(MatMul::openBlasCopying);
  }

  /**
   * The OpenBLAS backend that copies blocks to native memory, or empty where OpenBLAS is missing.
   */
  public static Optional<MatMul> openBlasCopying() {
    return Optional.ofNullable(OpenBlasMatMul.instance());
  }

  /** Every backend present here, the pure-Java one first (tests compare them with it). */
  public static List<MatMul> available() {
    List<MatMul> all = new ArrayList<>(List.of(pureJava()));
    openBlasCopying().ifPresent(all::add);
    Optional.ofNullable(PinnedBlasMatMul.INSTANCE).ifPresent(all::add);
    return List.copyOf(all);
  }

  /**
   * Sets the threads the products and the layers' recurrences may use (see the class comment).
   *
   * @param count at least 1
   */
  public static synchronized void setThreads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + count);
    }
    threads = count;
    if (current != null) {
      current.applyThreads(count);
    }
  }

  /** The thread count set by {@link #setThreads} (default 1 or {@code -Drnnkit.threads}). */
  public static int threads() {
    return threads;
  }

  private static MatMul choose(String property) {
    switch (property.trim().toLowerCase(Locale.ROOT)) {
      case "auto":
      case "":
        return openBlas().orElse(pureJava());
      case "java":
        return pureJava();
      case "openblas":
        return openBlas().orElseThrow(() -> notLoaded("openblas"));
      case "openblas-copy":
        return openBlasCopying().orElseThrow(() -> notLoaded("openblas-copy"));
      default:
        throw new IllegalArgumentException(
            "rnnkit.blas must be auto, openblas, openblas-copy or java, got '" + property + "'");
    }
  }

  /** Why the faster backends are missing, for the debug line. */
  private static String whyNotPinned() {
    String reason = OpenBlasMatMul.unavailableReason();
    return reason.isEmpty()
        ? " - pinned arrays unavailable: " + PinnedBlas.unavailableReason()
        : reason;
  }

  private static IllegalStateException notLoaded(String property) {
    return new IllegalStateException(
        "rnnkit.blas="
            + property
            + ", but OpenBLAS did not load"
            + OpenBlasMatMul.unavailableReason()
            + "; use rnnkit.blas=java or auto");
  }

  /** Fails unless the operands fit the product; messages name the expected and actual shapes. */
  static void check(
      Op opA,
      Op opB,
      int m,
      int n,
      int k,
      DMatrixRMaj a,
      int aRow,
      DMatrixRMaj b,
      int bRow,
      DMatrixRMaj c,
      int cRow) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(
          "product sizes must be >= 0, got m=%d, n=%d, k=%d".formatted(m, n, k));
    }
    checkBlock("A", a, aRow, opA == Op.N ? m : k, opA == Op.N ? k : m);
    if (b != null) {
      checkBlock("B", b, bRow, opB == Op.N ? k : n, opB == Op.N ? n : k);
    }
    if (c != null) {
      checkBlock("C", c, cRow, m, n);
    }
  }

  private static void checkBlock(String name, DMatrixRMaj x, int row, int rows, int cols) {
    if (x.numCols != cols || row < 0 || row + rows > x.numRows) {
      throw new IllegalArgumentException(
          "%s: expected a %dx%d block at row %d (a matrix of at least %d rows, %d columns), got %dx%d"
              .formatted(name, rows, cols, row, row + rows, cols, x.numRows, x.numCols));
    }
  }
}
