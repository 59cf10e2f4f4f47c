package org.rnnkit.nn.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The JNI shim: built and loaded wherever Maven had gcc (so a broken build cannot fall back to the
 * Java kernel unnoticed), exact on a small product, and refusing blocks that do not fit their
 * arrays before any native code runs. Its products on every shape, transpose and split are in
 * {@link MatMulTest}, which runs every backend present.
 */
class PinnedBlasTest {

  private static boolean gccOnPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, "gcc").canExecute()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theShimLoadsWhereGccCouldBuildIt() {
    assumeTrue(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
            && System.getProperty("os.arch").equals("amd64")
            && gccOnPath()
            && !Settings.javaOnly(),
        "the shim is built on Linux x86-64 with gcc, next to OpenBLAS");
    assertTrue(PinnedBlas.available(), "shim not loaded: " + PinnedBlas.unavailableReason());
    assertEquals("openblas", MatMul.openBlas().orElseThrow().name());
    assertEquals("", OpenBlasMatMul.unavailableReason());
    assertTrue(MatMul.available().stream().anyMatch(b -> b.name().equals("openblas")));
  }

  @Test
  void computesASmallProductExactly() {
    assumeTrue(PinnedBlas.available());
    // C (2x2, at offset 1 of a 6-value array) = A B^T + 0.5 C, A = [1 2 3; 4 5 6], B = [1 0 1; 0 1
    // 0]
    double[] a = {9, 1, 2, 3, 4, 5, 6};
    double[] b = {1, 0, 1, 0, 1, 0};
    double[] c = {7, 2, 2, 2, 2, 7};
    PinnedBlas.dgemm(CblasNoTrans, CblasTrans, 2, 2, 3, a, 1, 3, b, 0, 3, 0.5, c, 1);
    assertArrayEquals(new double[] {7, 5, 3, 11, 6, 7}, c);
  }

  @Test
  void blocksOutsideTheirArraysAreRefusedBeforeNativeCode() {
    assumeTrue(PinnedBlas.available());
    double[] a = new double[12];
    double[] b = new double[12];
    double[] c = new double[16];
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PinnedBlas.dgemm(CblasNoTrans, CblasNoTrans, 4, 4, 3, a, 1, 3, b, 0, 4, 0, c, 0));
    assertTrue(e.getMessage().startsWith("A: a 4x3 block"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PinnedBlas.dgemm(CblasTrans, CblasNoTrans, 4, 4, 3, a, 0, 4, b, 0, 4, 0, c, 1));
    assertTrue(e.getMessage().startsWith("C: a 4x4 block"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PinnedBlas.dgemm(CblasNoTrans, CblasNoTrans, 2, 2, 2, a, 0, 2, b, 0, 1, 0, c, 0));
    assertTrue(
        e.getMessage().startsWith("B: a 2x2 block with leading dimension 1"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PinnedBlas.dgemm(CblasNoTrans, CblasNoTrans, 2, 2, 2, c, 0, 2, b, 0, 2, 0, c, 8));
    assertTrue(Arrays.stream(c).allMatch(v -> v == 0), "nothing was written");
  }
}
