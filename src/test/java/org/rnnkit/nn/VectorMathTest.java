package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} against the JDK's scalar functions: {@link Math#tanh} and {@code 1 / (1 +
 * Math.exp(-x))}, within 4 ulp, on every block layout.
 */
class VectorMathTest {
  private static final DoubleUnaryOperator TANH = Math::tanh;
  private static final DoubleUnaryOperator SIGMOID = x -> 1 / (1 + Math.exp(-x));

  /** Gaussians of several scales and log-uniform magnitudes from 1e-300 to 1e3, both signs. */
  private static double[] sample(int n, long seed) {
    Random rng = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] =
          switch (i % 3) {
            case 0 -> rng.nextGaussian() * 4;
            case 1 -> rng.nextGaussian() * 30;
            default -> (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -300 + 303 * rng.nextDouble());
          };
    }
    return x;
  }

  private static void assertWithinUlps(double expected, double actual, int ulps, double x) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), "f(%s) should be NaN, got %s".formatted(x, actual));
      return;
    }
    double error = Math.abs(actual - expected) / Math.ulp(expected);
    assertTrue(
        error <= ulps,
        "f(%s): expected %s, got %s (%.1f ulp)".formatted(x, expected, actual, error));
  }

  @Test
  void tanhWithinFourUlpOfMathTanh() {
    double[] x = sample(300_000, 1);
    double[] y = new double[x.length];
    VectorMath.tanh(x, 0, y, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      assertWithinUlps(Math.tanh(x[i]), y[i], 4, x[i]);
    }
  }

  @Test
  void sigmoidWithinFourUlpOfExpFormula() {
    double[] x = sample(300_000, 2);
    double[] y = new double[x.length];
    VectorMath.sigmoid(x, 0, y, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      assertWithinUlps(SIGMOID.applyAsDouble(x[i]), y[i], 4, x[i]);
    }
  }

  @Test
  void edgeValues() {
    double[] x = {
      0.0,
      -0.0,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      1e-310,
      19.1,
      20,
      -42.9,
      -43.5,
      -100,
      -745,
      800,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NaN
    };
    double[] t = new double[x.length];
    double[] s = new double[x.length];
    VectorMath.tanh(x, 0, t, 0, x.length);
    VectorMath.sigmoid(x, 0, s, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      assertWithinUlps(Math.tanh(x[i]), t[i], 1, x[i]);
      assertWithinUlps(SIGMOID.applyAsDouble(x[i]), s[i], 1, x[i]);
    }
    // the sign of zero survives tanh; the limits are exact
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(t[1]));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(t[0]));
    assertEquals(1.0, t[12]);
    assertEquals(-1.0, t[13]);
    assertEquals(1.0, s[12]);
    assertEquals(0.0, s[13]);
    assertEquals(0.5, s[0]);
    // sigmoid(-100) keeps its relative accuracy far below 1e-16
    assertEquals(3.720075976020836e-44, s[9], 4 * Math.ulp(3.720075976020836e-44));
  }

  @Test
  void everyLengthAroundTheChunkSize() {
    int[] lengths = {0, 1, 3, VectorMath.CHUNK - 1, VectorMath.CHUNK, VectorMath.CHUNK + 1, 2000};
    for (int n : lengths) {
      double[] x = sample(n + 7, n);
      double[] y = new double[n + 7];
      Arrays.fill(y, 42);
      // offsets on both sides; the values around the range stay untouched
      VectorMath.tanh(x, 3, y, 2, n);
      for (int i = 0; i < n + 7; i++) {
        if (i >= 2 && i < n + 2) {
          assertWithinUlps(Math.tanh(x[i + 1]), y[i], 4, x[i + 1]);
        } else {
          assertEquals(42, y[i], "value outside the range at " + i + " for n=" + n);
        }
      }
    }
  }

  @Test
  void blocksMatchElementByElementAndLeaveTheRestAlone() {
    int[][] shapes = {{1, 5}, {4, 3}, {32, 64}, {3, 1100}, {700, 1}, {2, VectorMath.CHUNK}};
    for (int[] shape : shapes) {
      int rows = shape[0];
      int cols = shape[1];
      int xStride = cols + 5;
      int yStride = cols + 2;
      double[] x = sample(rows * xStride + 4, rows * 31L + cols);
      for (boolean tanh : new boolean[] {true, false}) {
        DoubleUnaryOperator f = tanh ? TANH : SIGMOID;
        double[] y = new double[rows * yStride + 1];
        Arrays.fill(y, -7);
        if (tanh) {
          VectorMath.tanh(x, 4, xStride, y, 1, yStride, rows, cols);
        } else {
          VectorMath.sigmoid(x, 4, xStride, y, 1, yStride, rows, cols);
        }
        for (int i = 0; i < y.length; i++) {
          int r = (i - 1) / yStride;
          int c = (i - 1) % yStride;
          if (i >= 1 && c < cols) {
            double in = x[4 + r * xStride + c];
            assertWithinUlps(f.applyAsDouble(in), y[i], 4, in);
          } else {
            assertEquals(-7, y[i], "outside the block at " + i);
          }
        }
      }
    }
  }

  @Test
  void blocksOutsideTheArrayAreRejectedBeforeAnyWrite() {
    double[] x = new double[10];
    double[] y = new double[10];
    Arrays.fill(y, 3);
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> VectorMath.tanh(x, 0, 4, y, 0, 4, 3, 4));
    assertTrue(
        e.getMessage().contains("needs rows at least 4 apart and 12 values, the array has 10"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> VectorMath.sigmoid(x, 0, 2, y, 0, 4, 2, 4));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> VectorMath.sigmoid(x, -1, y, 0, 3));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> VectorMath.tanh(x, 0, y, 0, -1));
    for (double v : y) {
      assertEquals(3, v);
    }
  }

  @Test
  void inPlaceEqualsOutOfPlace() {
    double[] x = sample(4 * 96, 5);
    double[] expected = new double[x.length];
    VectorMath.sigmoid(x, 0, 96, expected, 0, 96, 4, 64);
    VectorMath.tanh(x, 64, 96, expected, 64, 96, 4, 32);
    double[] y = x.clone();
    VectorMath.sigmoid(y, 0, 96, y, 0, 96, 4, 64);
    VectorMath.tanh(y, 64, 96, y, 64, 96, 4, 32);
    assertEquals(Arrays.toString(expected), Arrays.toString(y));
  }

  @Test
  void threadsDoNotShareScratch() throws Exception {
    double[] x = sample(50_000, 6);
    double[] expected = new double[x.length];
    VectorMath.tanh(x, 0, expected, 0, x.length);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      var results = new java.util.ArrayList<Future<double[]>>();
      for (int p = 0; p < 8; p++) {
        results.add(
            pool.submit(
                () -> {
                  double[] y = new double[x.length];
                  for (int rep = 0; rep < 20; rep++) {
                    VectorMath.tanh(x, 0, y, 0, x.length);
                  }
                  return y;
                }));
      }
      for (Future<double[]> f : results) {
        assertTrue(Arrays.equals(expected, f.get()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
