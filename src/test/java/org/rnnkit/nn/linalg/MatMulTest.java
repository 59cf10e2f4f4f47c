package org.rnnkit.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend present against EJML's plain products on row blocks, for every transpose
 * combination (through the formula-named operations where they exist), offsets, {@code beta} 0, 1
 * and 0.5, shapes from 1x1x1 up to ones that take the native path.
 */
class MatMulTest {
  private static final double TOLERANCE = 1e-12;

  static List<MatMul> backends() {
    return MatMul.available();
  }

  static List<Arguments> cases() {
    int[][] shapes = {{1, 1, 1}, {3, 5, 2}, {7, 1, 9}, {32, 96, 32}, {65, 130, 70}, {200, 3, 64}};
    List<Arguments> all = new ArrayList<>();
    for (MatMul backend : backends()) {
      for (int[] s : shapes) {
        for (Op opA : Op.values()) {
          for (Op opB : Op.values()) {
            for (double beta : new double[] {0, 1, 0.5}) {
              all.add(Arguments.of(backend.name(), opA, opB, s[0], s[1], s[2], beta));
            }
          }
        }
      }
    }
    return all;
  }

  private static MatMul backend(String name) {
    return backends().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0} {1}{2} m={3} n={4} k={5} beta={6}")
  @MethodSource("cases")
  void rowBlockProductMatchesEjml(String name, Op opA, Op opB, int m, int n, int k, double beta) {
    Random rng = new Random(11);
    int aRow = 2;
    int bRow = 3;
    int cRow = 1;
    DMatrixRMaj a = random(aRow + (opA == Op.N ? m : k) + 1, opA == Op.N ? k : m, rng);
    DMatrixRMaj b = random(bRow + (opB == Op.N ? k : n) + 2, opB == Op.N ? n : k, rng);
    DMatrixRMaj c = random(cRow + m + 3, n, rng);
    DMatrixRMaj expected = expected(opA, opB, m, n, k, beta, a, aRow, b, bRow, c, cRow);
    if (beta == 0) {
      c.data[cRow * n] = Double.NaN; // ignored when beta = 0
    }
    product(backend(name), opA, opB, m, n, k, beta, a, aRow, b, bRow, c, cRow);
    assertAgree(expected, c);
  }

  /**
   * {@code c = op(a) op(b) + beta c} on row blocks through the formula-named operation where one
   * exists (beta 0 or 1; N N, T N, N T), else through the primitive they all call.
   */
  static void product(
      MatMul backend,
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
    Block ab = new Block(a, aRow, opA == Op.N ? m : k);
    Block bb = new Block(b, bRow, opB == Op.N ? k : n);
    Block cb = new Block(c, cRow, m);
    String op = "" + opA + opB + (beta == 0 ? "=" : beta == 1 ? "+" : "");
    switch (op) {
      case "NN=" -> backend.mult(ab, bb, cb);
      case "NN+" -> backend.multAdd(ab, bb, cb);
      case "TN=" -> backend.multTransA(ab, bb, cb);
      case "TN+" -> backend.multAddTransA(ab, bb, cb);
      case "NT=" -> backend.multTransB(ab, bb, cb);
      case "NT+" -> backend.multAddTransB(ab, bb, cb);
      default -> backend.gemm(opA, opB, beta, ab, bb, cb);
    }
  }

  static List<Arguments> recurrentCases() {
    // {rows of the input product, width n, its k, rows per step block, the step's k}
    int[][] shapes = {
      {6, 5, 3, 2, 4}, {256, 128, 64, 32, 128}, {512, 256, 100, 2, 2}, {512, 256, 100, 64, 256}
    };
    List<Arguments> all = new ArrayList<>();
    for (MatMul backend : backends()) {
      for (int[] s : shapes) {
        for (Op opB : Op.values()) {
          for (int threads : new int[] {1, 2}) {
            all.add(Arguments.of(backend.name(), s[0], s[1], s[2], s[3], s[4], opB, threads));
          }
        }
      }
    }
    return all;
  }

  /**
   * The recurrent layer's use: {@code C = X W^T} once, then for each block of rows {@code C[block]
   * += H[block] op(B)} through a held operand, against EJML; shapes whose step products are below
   * and above the native path's threshold.
   */
  @ParameterizedTest(name = "{0} m={1} n={2} k={3} block={4} k2={5} {6} threads={7}")
  @MethodSource("recurrentCases")
  void inputProductPlusBlockProductsMatchEjml(
      String name, int m, int n, int k, int block, int k2, Op opB, int threads) {
    Random rng = new Random(14);
    DMatrixRMaj x = random(m, k, rng);
    DMatrixRMaj w = random(n, k, rng);
    DMatrixRMaj h = random(m, k2, rng);
    DMatrixRMaj b = random(opB == Op.N ? k2 : n, opB == Op.N ? n : k2, rng);
    DMatrixRMaj expected = new DMatrixRMaj(m, n);
    CommonOps_DDRM.multTransB(x, w, expected);
    DMatrixRMaj opb = opB == Op.N ? b : CommonOps_DDRM.transpose(b, null);
    CommonOps_DDRM.multAdd(h, opb, expected);
    int before = MatMul.threads();
    try {
      MatMul.setThreads(threads);
      MatMul backend = backend(name);
      DMatrixRMaj c = new DMatrixRMaj(m, n);
      c.data[0] = Double.NaN; // ignored by multTransB
      backend.multTransB(Block.of(x), Block.of(w), Block.of(c));
      MatMul.Operand operand = new MatMul.Operand();
      operand.set(b, opB);
      for (int row = 0; row < m; row += block) {
        int rows = Math.min(block, m - row);
        backend.multAdd(new Block(h, row, rows), operand, new Block(c, row, rows));
      }
      assertAgree(expected, c);
      assertThrows(
          IllegalArgumentException.class,
          () -> backend.multAdd(new Block(h, 0, 2), operand, new Block(c, 0, 3)));
    } finally {
      MatMul.setThreads(before);
    }
  }

  static List<Arguments> splitCases() {
    List<Arguments> all = new ArrayList<>();
    for (int threads : new int[] {2, 3}) {
      for (int[] s :
          new int[][] {{130, 130, 130}, {257, 64, 200}, {1030, 100, 40}, {600, 50, 130}}) {
        for (Op opA : Op.values()) {
          for (Op opB : Op.values()) {
            all.add(Arguments.of(threads, opA, opB, s[0], s[1], s[2], opA == opB ? 0.0 : 1.0));
          }
        }
      }
    }
    return all;
  }

  /** Products large enough to be split by rows of C across threads, against EJML. */
  @ParameterizedTest(name = "{0} threads {1}{2} m={3} n={4} k={5} beta={6}")
  @MethodSource("splitCases")
  void productsSplitAcrossThreadsMatchEjml(
      int threads, Op opA, Op opB, int m, int n, int k, double beta) {
    Random rng = new Random(13);
    DMatrixRMaj a = random(2 + (opA == Op.N ? m : k), opA == Op.N ? k : m, rng);
    DMatrixRMaj b = random(1 + (opB == Op.N ? k : n), opB == Op.N ? n : k, rng);
    DMatrixRMaj c = random(m + 4, n, rng);
    DMatrixRMaj expected = expected(opA, opB, m, n, k, beta, a, 2, b, 1, c, 3);
    int before = MatMul.threads();
    try {
      MatMul.setThreads(threads);
      for (MatMul backend : backends()) {
        DMatrixRMaj result = c.copy();
        product(backend, opA, opB, m, n, k, beta, a, 2, b, 1, result, 3);
        assertAgree(expected, result);
      }
    } finally {
      MatMul.setThreads(before);
    }
  }

  /** A held operand is the right operand of a plain (not transposed) left one. */
  static List<Arguments> operandCases() {
    return cases().stream().filter(c -> c.get()[1] == Op.N).toList();
  }

  @ParameterizedTest(name = "{0} {1}{2} m={3} n={4} k={5} beta={6}")
  @MethodSource("operandCases")
  void operandProductMatchesEjml(String name, Op opA, Op opB, int m, int n, int k, double beta) {
    Random rng = new Random(12);
    DMatrixRMaj a = random(1 + m, k, rng);
    DMatrixRMaj b = random(opB == Op.N ? k : n, opB == Op.N ? n : k, rng);
    DMatrixRMaj c = random(m + 2, n, rng);
    DMatrixRMaj expected = expected(opA, opB, m, n, k, beta, a, 1, b, 0, c, 2);
    MatMul backend = backend(name);
    MatMul.Operand operand = new MatMul.Operand();
    operand.set(b, opB);
    assertEquals(k, operand.rows());
    assertEquals(n, operand.cols());
    Block ab = new Block(a, 1, m);
    Block cb = new Block(c, 2, m);
    if (beta == 0) {
      backend.mult(ab, operand, cb);
    } else if (beta == 1) {
      backend.multAdd(ab, operand, cb);
    } else {
      backend.gemm(beta, ab, operand, cb);
    }
    assertAgree(expected, c);
  }

  @Test
  void backendsAgreeOnLargeProducts() {
    Random rng = new Random(5);
    DMatrixRMaj a = random(640, 256, rng);
    DMatrixRMaj b = random(512, 256, rng);
    DMatrixRMaj first = null;
    for (MatMul backend : backends()) {
      DMatrixRMaj c = new DMatrixRMaj(640, 512);
      backend.multTransB(Block.of(a), Block.of(b), Block.of(c));
      if (first == null) {
        first = c;
      } else {
        assertAgree(first, c);
      }
    }
  }

  @Test
  void wrongShapesNameBothShapes() {
    DMatrixRMaj a = new DMatrixRMaj(4, 3);
    DMatrixRMaj b = new DMatrixRMaj(2, 5);
    DMatrixRMaj c = new DMatrixRMaj(4, 5);
    for (MatMul backend : backends()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> backend.mult(Block.of(a), Block.of(b), Block.of(c)));
      assertTrue(e.getMessage().contains("3x5") && e.getMessage().contains("2x5"), e.getMessage());
    }
  }

  @Test
  void defaultBackendFollowsTheProperty() {
    String expected = System.getProperty("rnnkit.blas", "auto");
    String actual = MatMul.current().name();
    if (expected.equals("java")) {
      assertEquals("java", actual);
    } else if (expected.equals("openblas")) {
      assertEquals(MatMul.openBlas().orElseThrow().name(), actual);
    } else {
      assertEquals(MatMul.openBlas().map(MatMul::name).orElse("java"), actual);
    }
  }

  @Test
  void aBlockOutsideItsMatrixIsRefused() {
    DMatrixRMaj m = new DMatrixRMaj(4, 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Block(m, 2, 3));
    assertEquals("a block of 3 rows at row 2 does not fit in a 4x3 matrix", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Block(m, -1, 1));
  }

  @Test
  void threadsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> MatMul.setThreads(0));
  }

  private static DMatrixRMaj expected(
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
    DMatrixRMaj opa = block(a, aRow, opA == Op.N ? m : k);
    DMatrixRMaj opb = block(b, bRow, opB == Op.N ? k : n);
    if (opA == Op.T) {
      opa = CommonOps_DDRM.transpose(opa, null);
    }
    if (opB == Op.T) {
      opb = CommonOps_DDRM.transpose(opb, null);
    }
    DMatrixRMaj product = new DMatrixRMaj(m, n);
    CommonOps_DDRM.mult(opa, opb, product);
    DMatrixRMaj out = c.copy();
    for (int i = 0; i < m * n; i++) {
      double old = c.data[cRow * n + i];
      out.data[cRow * n + i] = product.data[i] + (beta == 0 ? 0 : beta * old);
    }
    return out;
  }

  private static DMatrixRMaj block(DMatrixRMaj x, int row, int rows) {
    DMatrixRMaj out = new DMatrixRMaj(rows, x.numCols);
    System.arraycopy(x.data, row * x.numCols, out.data, 0, rows * x.numCols);
    return out;
  }

  private static DMatrixRMaj random(int rows, int cols, Random rng) {
    return RandomMatrices_DDRM.rectangle(rows, cols, -1, 1, rng);
  }

  /** Agreement to 1e-12 relative to the largest magnitude in the expected matrix. */
  static void assertAgree(DMatrixRMaj expected, DMatrixRMaj actual) {
    double scale = Math.max(1e-300, CommonOps_DDRM.elementMaxAbs(expected));
    for (int i = 0; i < expected.getNumElements(); i++) {
      double diff = Math.abs(expected.data[i] - actual.data[i]);
      assertTrue(
          diff <= TOLERANCE * scale,
          "element %d: expected %s, got %s".formatted(i, expected.data[i], actual.data[i]));
    }
  }
}
