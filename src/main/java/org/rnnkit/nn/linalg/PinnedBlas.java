package org.rnnkit.nn.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS's {@code cblas_dgemm} called on Java {@code double[]} arrays pinned in place: rnnkit's
 * JNI shim ({@code src/main/c/rnnkit_blas.c}, built by Maven where gcc is found and carried in the
 * jar as {@code native/<platform>/librnnkit_blas.so} beside this class) takes the arrays with
 * {@code GetPrimitiveArrayCritical}, so no operand is copied in or out. The dgemm is the one {@code
 * org.bytedeco:openblas} loads; the shim receives its address and links against nothing.
 *
 * <p>While a product runs, garbage collection waits for it to finish (that is what pinning costs);
 * rnnkit's training and inference allocate next to nothing, so nothing waits in practice.
 */
final class PinnedBlas {
  private static final long DGEMM;
  private static final String UNAVAILABLE;

  static {
    long dgemm = 0;
    String reason = "";
    try {
      Loader.load(openblas_nolapack.class);
      Pointer address = Loader.addressof("cblas_dgemm");
      if (address == null || address.isNull()) {
        throw new UnsatisfiedLinkError("cblas_dgemm not found in OpenBLAS");
      }
      loadShim(Loader.getPlatform());
      dgemm = address.address();
    } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, IOException, platform
      reason = e.toString();
    }
    DGEMM = dgemm;
    UNAVAILABLE = reason;
  }

  private PinnedBlas() {}

  /** True when both OpenBLAS and the shim loaded. */
  static boolean available() {
    return DGEMM != 0;
  }

  /** Why the shim is not in use; empty when it loaded. */
  static String unavailableReason() {
    return UNAVAILABLE;
  }

  /**
   * Row-major {@code C[cOffset..] = op(A[aOffset..]) op(B[bOffset..]) + beta C[cOffset..]} with
   * leading dimensions lda, ldb and n. The blocks are checked against the arrays' lengths here, so
   * a wrong offset is an exception, never a write outside an array.
   *
   * @param transA {@code CblasNoTrans} or {@code CblasTrans}
   * @param a Not modified.
   * @param b Not modified.
   * @param c Modified: the m x n block at cOffset. Must not be {@code a} or {@code b}.
   */
  static void dgemm(
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
    if (m == 0 || n == 0) {
      return;
    }
    checkBlock(
        "A", a, aOffset, lda, transA == CblasNoTrans ? m : k, transA == CblasNoTrans ? k : m);
    checkBlock(
        "B", b, bOffset, ldb, transB == CblasNoTrans ? k : n, transB == CblasNoTrans ? n : k);
    checkBlock("C", c, cOffset, n, m, n);
    if (c == a || c == b) {
      throw new IllegalArgumentException("C must not share its array with A or B");
    }
    dgemm(
        DGEMM,
        CblasRowMajor,
        transA,
        transB,
        m,
        n,
        k,
        a,
        aOffset,
        lda,
        b,
        bOffset,
        ldb,
        beta,
        c,
        cOffset,
        n);
  }

  private static void checkBlock(String name, double[] x, int offset, int ld, int rows, int cols) {
    long end = rows == 0 || cols == 0 ? offset : offset + (long) (rows - 1) * ld + cols;
    if (offset < 0 || cols > ld || end > x.length) {
      throw new IllegalArgumentException(
          "%s: a %dx%d block with leading dimension %d at offset %d does not fit in %d values"
              .formatted(name, rows, cols, ld, offset, x.length));
    }
  }

  private static native void dgemm(
      long function,
      int order,
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
      int cOffset,
      int ldc);

  /**
   * Copies the shim for this platform out of the jar into a temporary file in JavaCPP's cache
   * folder (where OpenBLAS itself was extracted and loaded from, so native code may run there even
   * where the system's temporary folder is mounted noexec) and loads it.
   */
  private static void loadShim(String platform) throws IOException {
    String resource = "native/" + platform + "/librnnkit_blas.so";
    try (InputStream in = PinnedBlas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            "no " + resource + " beside " + PinnedBlas.class.getName() + " (built without gcc?)");
      }
      Path file = Files.createTempFile(Loader.getCacheDir().toPath(), "rnnkit_blas", ".so");
      try {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        System.load(file.toAbsolutePath().toString());
      } finally {
        Files.deleteIfExists(file); // the loaded library stays mapped
      }
    }
  }
}
