package org.rnnkit.nn.linalg;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products on {@link Block}s (row blocks) of EJML matrices, named after their formula as in
 * EJML's {@code CommonOps_DDRM}:
 *
 * <pre>
 *   mult(a, b, c)            c = a b          multAdd(a, b, c)         c = c + a b
 *   multTransA(a, b, c)      c = a^T b        multAddTransA(a, b, c)   c = c + a^T b
 *   multTransB(a, b, c)      c = a b^T        multAddTransB(a, b, c)   c = c + a b^T
 *   mult(a, w, c)            c = w'(a)        multAdd(a, w, c)         c = c + a w'
 * </pre>
 *
 * where {@code w'} is the matrix an {@link Operand} holds. Blocks let a layer multiply step t of a
 * {@code (T*B) x W} buffer (rows {@code t*B .. t*B+B-1}) in place. {@code c}'s rows are the only
 * values modified; it must not share its array with {@code a} or {@code b}. Products that do not
 * add ignore c's old values (a NaN there does not leak). A wrong shape is an {@link
 * IllegalArgumentException} naming both shapes, thrown before any value is written.
 *
 * <p>Two backends, fastest first:
 *
 * <ul>
 *   <li>{@code openblas}: {@code cblas_dgemm} of OpenBLAS (from {@code org.bytedeco:openblas}) on
 *       the matrices' arrays in place, pinned through rnnkit's small JNI shim ({@code PinnedBlas});
 *       present when both native libraries load on this platform;
 *   <li>{@code java}: a cache-blocked pure-Java kernel; always present.
 * </ul>
 *
 * {@link #current()} is chosen once from the system property {@code rnnkit.blas} ({@code auto}, the
 * default, {@code openblas} or {@code java}; see {@code Settings}). The choice is logged at debug
 * level ({@code System.Logger} "org.rnnkit.nn.linalg"), with the reason OpenBLAS is missing.
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
  private static volatile int threads;

  MatMul() {}

  /** A short name for messages and benchmarks: {@code openblas} or {@code java}. */
  public abstract String name();

  /**
   * {@code c = a b}.
   *
   * @param a Not modified.
   * @param b Not modified.
   * @param c Modified.
   */
  public final void mult(Block a, Block b, Block c) {
    gemm(Op.N, Op.N, 0, a, b, c);
  }

  /** {@code c = c + a b}; a, b Not modified, c Modified. */
  public final void multAdd(Block a, Block b, Block c) {
    gemm(Op.N, Op.N, 1, a, b, c);
  }

  /** {@code c = a^T b}; a, b Not modified, c Modified. */
  public final void multTransA(Block a, Block b, Block c) {
    gemm(Op.T, Op.N, 0, a, b, c);
  }

  /** {@code c = c + a^T b}; a, b Not modified, c Modified. */
  public final void multAddTransA(Block a, Block b, Block c) {
    gemm(Op.T, Op.N, 1, a, b, c);
  }

  /** {@code c = a b^T}; a, b Not modified, c Modified. */
  public final void multTransB(Block a, Block b, Block c) {
    gemm(Op.N, Op.T, 0, a, b, c);
  }

  /** {@code c = c + a b^T}; a, b Not modified, c Modified. */
  public final void multAddTransB(Block a, Block b, Block c) {
    gemm(Op.N, Op.T, 1, a, b, c);
  }

  /**
   * {@code c = a w'}, {@code w'} the matrix {@code w} holds.
   *
   * @param a Not modified.
   * @param w Not modified.
   * @param c Modified.
   */
  public final void mult(Block a, Operand w, Block c) {
    gemm(0, a, w, c);
  }

  /** {@code c = c + a w'}; a, w Not modified, c Modified. */
  public final void multAdd(Block a, Operand w, Block c) {
    gemm(1, a, w, c);
  }

  /** {@code c = op(a) op(b) + beta c}, after checking the shapes. */
  final void gemm(Op opA, Op opB, double beta, Block a, Block b, Block c) {
    int m = c.rows();
    int n = c.cols();
    int k = opA == Op.N ? a.cols() : a.rows();
    int aRows = opA == Op.N ? a.rows() : a.cols();
    int bRows = opB == Op.N ? b.rows() : b.cols();
    int bCols = opB == Op.N ? b.cols() : b.rows();
    if (aRows != m || bRows != k || bCols != n) {
      throw shapeError(opA, opB, a, b, c, k);
    }
    product(opA, opB, m, n, k, beta, a, b, c);
  }

  private static IllegalArgumentException shapeError(
      Op opA, Op opB, Block a, Block b, Block c, int k) {
    int m = c.rows();
    int n = c.cols();
    return new IllegalArgumentException(
        "product %s%s: A is %s, B is %s, C is %s; expected op(A) %dx%d, op(B) %dx%d, C %dx%d"
            .formatted(opA, opB, a.shape(), b.shape(), c.shape(), m, k, k, n, m, n));
  }

  /** {@code c = a w' + beta c}, after checking the shapes. */
  final void gemm(double beta, Block a, Operand w, Block c) {
    int m = c.rows();
    int n = c.cols();
    int k = a.cols();
    if (a.rows() != m || w.rows() != k || w.cols() != n) {
      throw shapeError(a, w, c);
    }
    product(m, n, k, beta, a, w, c);
  }

  private static IllegalArgumentException shapeError(Block a, Operand w, Block c) {
    return new IllegalArgumentException(
        "product with a held operand: A is %s, the operand %dx%d, C is %s; expected A %dx%d, operand %dx%d"
            .formatted(
                a.shape(), w.rows(), w.cols(), c.shape(), c.rows(), w.rows(), a.cols(), c.cols()));
  }

  /** {@code c = op(a) op(b) + beta c} with checked shapes: op(a) m x k, op(b) k x n, c m x n. */
  abstract void product(
      Op opA, Op opB, int m, int n, int k, double beta, Block a, Block b, Block c);

  /** {@code c = a w' + beta c} with checked shapes: a m x k, w' k x n, c m x n. */
  abstract void product(int m, int n, int k, double beta, Block a, Operand w, Block c);

  /**
   * A right operand {@code w' = op(source)} used by many products (a weight within one forward or
   * backward pass): a copy of the source as it is, with op handed to OpenBLAS (no transposed copy),
   * and {@code w'} laid out row-major for the Java kernel, made once on first use. Call {@link
   * #set} again whenever the source changes (for a weight: once per pass). Products on different
   * threads may share one operand.
   */
  public static final class Operand {
    private Op op = Op.N;
    private int rows;
    private int cols;
    private int sourceRows;
    private int ld;
    private double[] source = new double[0];
    private double[] rowMajor = new double[0];
    private boolean rowMajorCurrent;

    /**
     * Holds {@code op(w)}.
     *
     * @param w Not modified; copied.
     */
    public void set(DMatrixRMaj w, Op op) {
      this.op = op;
      rows = op == Op.N ? w.numRows : w.numCols;
      cols = op == Op.N ? w.numCols : w.numRows;
      ld = w.numCols;
      sourceRows = w.numRows;
      int size = rows * cols;
      if (source.length < size) {
        source = new double[size];
      }
      System.arraycopy(w.data, 0, source, 0, size);
      synchronized (this) {
        rowMajorCurrent = false;
      }
    }

    /** k, the rows of {@code w'}. */
    public int rows() {
      return rows;
    }

    /** n, the columns of {@code w'}. */
    public int cols() {
      return cols;
    }

    Op op() {
      return op;
    }

    /** The source as it is: {@code w} row-major, leading dimension {@link #ld()}. */
    double[] source() {
      return source;
    }

    int ld() {
      return ld;
    }

    /**
     * {@code w'}, {@code rows x cols} row-major, made on first use after {@link #set} (by whichever
     * batch slice asks first; the others wait for it).
     */
    synchronized double[] rowMajor() {
      if (!rowMajorCurrent) {
        int size = rows * cols;
        if (rowMajor.length < size) {
          rowMajor = new double[size];
        }
        if (op == Op.N) {
          System.arraycopy(source, 0, rowMajor, 0, size);
        } else {
          JavaMatMul.transposeInto(source, 0, sourceRows, ld, rowMajor);
        }
        rowMajorCurrent = true;
      }
      return rowMajor;
    }
  }

  /** The backend every layer uses; see the class comment for how it is chosen. */
  public static MatMul current() {
    MatMul m = current;
    if (m == null) {
      synchronized (MatMul.class) {
        if (current == null) {
          current = choose(Settings.backend());
          LOG.log(
              Level.DEBUG,
              "rnnkit matrix products: {0} ({1} thread(s)){2}",
              current.name(),
              threads(),
              current instanceof OpenBlasMatMul ? "" : " - " + OpenBlasMatMul.unavailableReason());
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
    current = backend;
  }

  /** The pure-Java backend; always available. */
  public static MatMul pureJava() {
    return JavaMatMul.INSTANCE;
  }

  /** The OpenBLAS backend, or empty where it does not load (see {@link #current()}). */
  public static Optional<MatMul> openBlas() {
    return Optional.ofNullable(OpenBlasMatMul.INSTANCE);
  }

  /** Every backend present here, the pure-Java one first (tests compare them with it). */
  public static List<MatMul> available() {
    List<MatMul> all = new ArrayList<>(List.of(pureJava()));
    openBlas().ifPresent(all::add);
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
  }

  /** The thread count set by {@link #setThreads} (default 1 or {@code -Drnnkit.threads}). */
  public static int threads() {
    int t = threads;
    if (t == 0) {
      synchronized (MatMul.class) {
        if (threads == 0) {
          threads = Settings.threads();
        }
        t = threads;
      }
    }
    return t;
  }

  private static MatMul choose(Settings.Backend backend) {
    return switch (backend) {
      case AUTO -> openBlas().orElse(pureJava());
      case JAVA -> pureJava();
      case OPENBLAS ->
          openBlas()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "rnnkit.blas=openblas, but "
                              + OpenBlasMatMul.unavailableReason()
                              + "; use rnnkit.blas=java or auto"));
    };
  }
}
