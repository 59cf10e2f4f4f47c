package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.nn.GradientAssertions.assertGradient;
import static org.rnnkit.nn.GradientAssertions.dot;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;

/**
 * Recurrent (variational) dropout: the masks' semantics (one per sequence, the same at every step,
 * new each pass, none at inference, the expected value kept) and finite-difference gradients with
 * the masks held fixed, at T = 1, B = 1, over a long sequence, padded, stacked and bidirectional.
 */
class RecurrentDropoutTest {

  /** A relu RNN layer with H = I units: W_ih = identity or 0, W_hh = identity or 0, no bias. */
  private static Recurrent probe(int units, boolean throughInput, double p, long seed) {
    Recurrent layer = new Recurrent(CellType.RNN_RELU.create(), units, units, false, false, "_l0");
    DMatrixRMaj wIh = layer.parameters().get(0).value();
    DMatrixRMaj wHh = layer.parameters().get(1).value();
    wIh.zero();
    wHh.zero();
    for (int j = 0; j < units; j++) {
      (throughInput ? wIh : wHh).set(j, j, 1);
    }
    layer.setRecurrentDropout(p, seed);
    return layer;
  }

  private static Sequence ones(int steps, int batch, int features) {
    Sequence s = new Sequence(steps, batch, features);
    Arrays.fill(s.values().data, 1);
    return s;
  }

  @Test
  void theInputMaskIsOnePerSequenceTheSameAtEveryStepAndNewEachPass() {
    int units = 16;
    Recurrent layer = probe(units, true, 0.5, 1);
    // h[t] = relu(x[t] * m_x) = m_x for x = 1: the mask itself, 0 or 2
    Sequence first = layer.forward(ones(5, 3, units), null, true);
    for (int b = 0; b < 3; b++) {
      for (int j = 0; j < units; j++) {
        double m = first.get(0, b, j);
        assertTrue(m == 0 || m == 2, "mask value " + m);
        for (int t = 1; t < 5; t++) {
          assertEquals(m, first.get(t, b, j), 0, "same mask at every step");
        }
      }
    }
    assertFalse(Arrays.equals(row(first, 0, 0), row(first, 0, 1)), "one mask per sequence");
    Sequence second = layer.forward(ones(5, 3, units), null, true);
    assertFalse(Arrays.equals(row(first, 0, 0), row(second, 0, 0)), "a new mask each pass");
  }

  @Test
  void theStateMaskIsReusedAtEveryStep() {
    int units = 16;
    Recurrent layer = probe(units, false, 0.5, 2);
    DMatrixRMaj h0 = new DMatrixRMaj(2, units);
    h0.fill(1);
    // h[t] = relu(h[t-1] * m_h) = m_h^(t+1) when the same m_h is used at every step
    Sequence y = layer.forward(new Sequence(4, 2, units), new State(h0, null), true);
    for (int b = 0; b < 2; b++) {
      for (int j = 0; j < units; j++) {
        double m = y.get(0, b, j);
        assertTrue(m == 0 || m == 2, "mask value " + m);
        for (int t = 1; t < 4; t++) {
          assertEquals(Math.pow(m, t + 1), y.get(t, b, j), 0, "step " + t);
        }
      }
    }
  }

  @Test
  void theMasksKeepTheExpectedValueAndDropAboutP() {
    int units = 20;
    int batch = 1000;
    double p = 0.3;
    Recurrent layer = probe(units, true, p, 3);
    Sequence y = layer.forward(ones(1, batch, units), null, true);
    double sum = 0;
    int zeros = 0;
    for (double v : y.values().data) {
      sum += v;
      zeros += v == 0 ? 1 : 0;
    }
    int n = batch * units;
    // mean of 20,000 masks: 1 +- 0.0048 (one standard deviation); drop rate 0.3 +- 0.0032
    assertEquals(1, sum / n, 0.025);
    assertEquals(p, (double) zeros / n, 0.016);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void inferenceUsesNoMask(CellType cell) {
    Random rng = new Random(4);
    var config = new RecurrentStack.Config(cell, 3, 4, 2, true, true);
    RecurrentStack plain = new RecurrentStack(config, new Random(5));
    RecurrentStack dropped = new RecurrentStack(config.withRecurrentDropout(0.5), new Random(5));
    Sequence x = randomSequence(6, 3, 3, rng);
    double[] expected = plain.forward(x, null, false).values().data.clone();
    assertArrayEquals(expected, dropped.forward(x, null, false).values().data, 0);
    // p = 0 in training is the plain layer too, and training with p > 0 is not
    assertArrayEquals(expected, plain.forward(x, null, true).values().data, 0);
    assertFalse(Arrays.equals(expected, dropped.forward(x, null, true).values().data));
  }

  @Test
  void reseedingRepeatsTheMasks() {
    var config = new RecurrentStack.Config(CellType.LSTM, 2, 3).withRecurrentDropout(0.4);
    RecurrentStack stack = new RecurrentStack(config, new Random(6));
    Sequence x = randomSequence(4, 2, 2, new Random(7));
    stack.reseed(11);
    double[] a = stack.forward(x, null, true).values().data.clone();
    stack.reseed(11);
    assertArrayEquals(a, stack.forward(x, null, true).values().data, 0);
  }

  /** L = sum(y * R) with the masks held fixed (the layer reseeded before every pass). */
  private static void assertTrainingGradients(Recurrent layer, Sequence x, Random rng) {
    Sequence r = randomSequence(x.steps(), x.batch(), layer.outputSize(), rng);
    DoubleSupplier loss =
        () -> {
          layer.reseed(99);
          return dot(layer.forward(x, null, true), r);
        };
    layer.parameters().forEach(Parameter::zeroGrad);
    loss.getAsDouble();
    Sequence dx = layer.backward(r);
    for (Parameter p : layer.parameters()) {
      assertGradient(p.name(), loss, p.value().data, p.grad().data.clone());
    }
    assertGradient("input", loss, x.values().data, dx.values().data.clone());
  }

  @ParameterizedTest(name = "{0} T={1} B={2} I={3} H={4}")
  @CsvSource({
    "RNN_TANH, 4, 3, 2, 3",
    "LSTM, 4, 3, 2, 3",
    "GRU, 4, 3, 2, 3",
    "LSTM, 1, 2, 3, 2",
    "GRU, 3, 1, 2, 2",
    "GRU, 1, 1, 1, 1",
    "LSTM, 50, 2, 2, 3"
  })
  void gradientsWithFixedMasksMatchFiniteDifferences(CellType cell, int t, int b, int i, int h) {
    Random rng = new Random(t * 31 + b);
    for (boolean reverse : new boolean[] {false, true}) {
      Recurrent layer = new Recurrent(cell.create(), i, h, true, reverse, "_l0");
      layer.initialize(rng);
      layer.setRecurrentDropout(0.4, 1);
      assertTrainingGradients(layer, randomSequence(t, b, i, rng), rng);
    }
  }

  @Test
  void paddedAndProjectedGradientsWithFixedMasksMatchFiniteDifferences() {
    Random rng = new Random(12);
    for (boolean reverse : new boolean[] {false, true}) {
      Recurrent gru = new Recurrent(CellType.GRU.create(), 2, 3, true, reverse, "_l0");
      gru.initialize(rng);
      gru.setRecurrentDropout(0.5, 2);
      Sequence padded = randomSequence(4, 3, 2, rng).withLengths(new int[] {4, 2, 1});
      assertTrainingGradients(gru, padded, rng);
      Recurrent lstmp = new Recurrent(CellType.LSTM.create(), 2, 4, 2, true, reverse, "_l0");
      lstmp.initialize(rng);
      lstmp.setRecurrentDropout(0.5, 3);
      assertTrainingGradients(lstmp, randomSequence(5, 2, 2, rng), rng);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void stackedBidirectionalGradientsWithFixedMasksMatchFiniteDifferences(CellType cell) {
    Random rng = new Random(13);
    var config =
        new RecurrentStack.Config(cell, 3, 2, 2, true, true, 0.3).withRecurrentDropout(0.4);
    RecurrentGradientTest.assertStackGradients(
        new RecurrentStack(config, rng), randomSequence(4, 2, 3, rng), rng, true);
  }

  private static double[] row(Sequence s, int t, int b) {
    double[] out = new double[s.features()];
    for (int f = 0; f < out.length; f++) {
      out[f] = s.get(t, b, f);
    }
    return out;
  }
}
