package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.loss.Loss;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.GradientAssertions;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;

/**
 * The core run on both matrix-product backends (pure Java and OpenBLAS, when it loads) gives the
 * same outputs, loss, parameter gradients and input gradient to 1e-12 relative; and reusing buffers
 * changes no number; neither does running the recurrences of a batch on two threads.
 */
class BackendAgreementTest {
  private static final double TOLERANCE = 1e-12;

  /** Everything one training step computes, flattened. */
  private record Step(double[] output, double loss, List<double[]> gradients, double[] dx) {}

  private static Step step(CellType cell, MatMul backend, boolean reuse) {
    MatMul previous = MatMul.current();
    MatMul.use(backend);
    try {
      // sizes that send the per-step and the big products through the native path
      return step(cell, 9, 16, 20, 48, reuse);
    } finally {
      MatMul.use(previous);
    }
  }

  /** Two training passes of a 2-layer bidirectional stack and a head, on the current backend. */
  private static Step step(
      CellType cell, int steps, int batch, int inputs, int hidden, boolean reuse) {
    {
      Random rng = new Random(21);
      var stack =
          new RecurrentStack(new RecurrentStack.Config(cell, inputs, hidden, 2, true, true), rng);
      var model = new SequenceModel(stack, new Dense("head", 2 * hidden, 3, Activation.TANH, rng));
      model.reuseBuffers(reuse);
      Sequence x = GradientAssertions.randomSequence(steps, batch, inputs, rng);
      Sequence target = GradientAssertions.randomSequence(steps, batch, 3, rng);
      Step result = null;
      for (int repeat = 0; repeat < 2; repeat++) { // the second pass runs on reused buffers
        model.zeroGrad();
        Sequence y = model.forward(x, true);
        Loss.Evaluation e = new MeanSquaredError().evaluate(y, target);
        Sequence dx = model.backward(e.gradient());
        List<double[]> grads = new ArrayList<>();
        for (Parameter p : model.parameters()) {
          grads.add(p.grad().data.clone());
        }
        result = new Step(y.values().data.clone(), e.value(), grads, dx.values().data.clone());
      }
      return result;
    }
  }

  /**
   * Four threads train their own models at once with products big enough to be split across the
   * worker threads, and layers that run their batch slices on them: no deadlock, no lost rows, and
   * every number as on one thread.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = CellType.class,
      names = {"LSTM", "GRU"})
  void concurrentModelsWithSplitProductsAgreeWithOneThread(CellType cell) throws Exception {
    // per-step products of a 32-sequence slice (32 x 4H x H) and the big ones are above the size at
    // which products are split
    Step one = step(cell, 8, 64, 64, 128, true);
    int threads = MatMul.threads();
    MatMul.setThreads(2);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new ArrayList<java.util.concurrent.Future<Step>>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit(() -> step(cell, 8, 64, 64, 128, true)));
      }
      for (var f : futures) {
        Step other = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertAgree("output", one.output(), other.output());
        for (int i = 0; i < one.gradients().size(); i++) {
          assertAgree("gradient " + i, one.gradients().get(i), other.gradients().get(i));
        }
        assertAgree("input gradient", one.dx(), other.dx());
      }
    } finally {
      pool.shutdownNow();
      MatMul.setThreads(threads);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void everyBackendAgreesWithJava(CellType cell) {
    Step java = step(cell, MatMul.pureJava(), false);
    for (MatMul backend : MatMul.available()) {
      Step other = step(cell, backend, false);
      String name = backend.name() + " ";
      assertAgree(name + "output", java.output(), other.output());
      assertEquals(java.loss(), other.loss(), TOLERANCE * Math.abs(java.loss()), name + "loss");
      for (int i = 0; i < java.gradients().size(); i++) {
        assertAgree(name + "gradient " + i, java.gradients().get(i), other.gradients().get(i));
      }
      assertAgree(name + "input gradient", java.dx(), other.dx());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void twoThreadsAgreeWithOne(CellType cell) {
    Step one = step(cell, MatMul.current(), true);
    int threads = MatMul.threads();
    MatMul.setThreads(2);
    try {
      Step two = step(cell, MatMul.current(), true);
      assertAgree("output", one.output(), two.output());
      for (int i = 0; i < one.gradients().size(); i++) {
        assertAgree("gradient " + i, one.gradients().get(i), two.gradients().get(i));
      }
      assertAgree("input gradient", one.dx(), two.dx());
      Step javaTwo = step(cell, MatMul.pureJava(), true);
      assertAgree("java output", one.output(), javaTwo.output());
      assertAgree("java input gradient", one.dx(), javaTwo.dx());
    } finally {
      MatMul.setThreads(threads);
    }
  }

  /**
   * Long enough for the bias gradients' column sums to be split across threads too: each column is
   * still summed in the same order, so every number is identical to one thread's.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void twoThreadsGiveIdenticalNumbersOnLongBatches(CellType cell) {
    Step one = step(cell, 24, 32, 8, 40, true);
    int threads = MatMul.threads();
    MatMul.setThreads(2);
    try {
      Step two = step(cell, 24, 32, 8, 40, true);
      for (int i = 0; i < one.gradients().size(); i++) {
        assertTrue(
            java.util.Arrays.equals(one.gradients().get(i), two.gradients().get(i)),
            "gradient " + i);
      }
    } finally {
      MatMul.setThreads(threads);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void reusingBuffersChangesNoNumber(CellType cell) {
    Step fresh = step(cell, MatMul.current(), false);
    Step reused = step(cell, MatMul.current(), true);
    assertTrue(java.util.Arrays.equals(fresh.output(), reused.output()));
    assertEquals(fresh.loss(), reused.loss());
    for (int i = 0; i < fresh.gradients().size(); i++) {
      assertTrue(java.util.Arrays.equals(fresh.gradients().get(i), reused.gradients().get(i)));
    }
    assertTrue(java.util.Arrays.equals(fresh.dx(), reused.dx()));
  }

  @Test
  void reuseHandsOutTheSameBuffersAndOffHandsOutNewOnes() {
    Random rng = new Random(2);
    Recurrent layer = new Recurrent(CellType.GRU.create(), 2, 3, true, false, "_l0");
    layer.initialize(rng);
    Sequence x = GradientAssertions.randomSequence(4, 2, 2, rng);
    assertNotSame(layer.forward(x, true).values(), layer.forward(x, true).values());
    layer.reuseBuffers(true);
    assertSame(layer.forward(x, true).values(), layer.forward(x, true).values());
  }

  /** Agreement relative to the largest magnitude, element by element. */
  private static void assertAgree(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + " length");
    double scale = 1e-300;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= TOLERANCE * scale,
          "%s[%d]: java %s, other %s".formatted(what, i, expected[i], actual[i]));
    }
  }
}
