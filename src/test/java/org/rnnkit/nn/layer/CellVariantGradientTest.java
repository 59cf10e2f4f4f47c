package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnkit.nn.GradientAssertions.assertGradient;
import static org.rnnkit.nn.GradientAssertions.assertLayerGradients;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnkit.nn.GradientAssertions;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;

/**
 * Finite-difference gradient checks of every cell variant (layer-normalised RNN, LSTM and GRU,
 * peephole LSTM with and without layer norm, reset-before GRU) unrolled by {@link Recurrent} and
 * {@link RecurrentStack}: parameters (the cells' own included), inputs and states, in both
 * directions, at T = 1, B = 1, H = 1, over a long sequence, stacked and bidirectional; and the same
 * numbers on one thread as on two.
 */
class CellVariantGradientTest {
  private static final CellOptions LAYER_NORM = new CellOptions(true, false, false);
  private static final CellOptions PEEPHOLES = new CellOptions(false, true, false);
  private static final CellOptions RESET_BEFORE = new CellOptions(false, false, true);

  static List<Arguments> variants() {
    return List.of(
        Arguments.of(CellType.RNN_TANH, LAYER_NORM),
        Arguments.of(CellType.RNN_RELU, LAYER_NORM),
        Arguments.of(CellType.LSTM, LAYER_NORM),
        Arguments.of(CellType.GRU, LAYER_NORM),
        Arguments.of(CellType.LSTM, PEEPHOLES),
        Arguments.of(CellType.LSTM, new CellOptions(true, true, false)),
        Arguments.of(CellType.GRU, RESET_BEFORE));
  }

  static List<Arguments> shapes() {
    List<Arguments> all = new ArrayList<>();
    for (Arguments v : variants()) {
      Object[] a = v.get();
      // T, B, I, H
      all.add(Arguments.of(a[0], a[1], 4, 3, 2, 3));
      all.add(Arguments.of(a[0], a[1], 1, 2, 3, 2));
      all.add(Arguments.of(a[0], a[1], 3, 1, 2, 2));
      all.add(Arguments.of(a[0], a[1], 3, 2, 1, 1));
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1} T={2} B={3} I={4} H={5}")
  @MethodSource("shapes")
  void oneLayerGradientsMatchFiniteDifferences(
      CellType cell, CellOptions options, int t, int b, int i, int h) {
    Random rng = new Random(7);
    for (boolean reverse : new boolean[] {false, true}) {
      Recurrent layer = layer(cell, options, i, h, true, reverse, rng);
      assertLayerGradients(layer, randomSequence(t, b, i, rng), 11);
    }
  }

  /**
   * Over 60 steps the loss of a layer-normalised cell can curve so sharply (the normalisation keeps
   * the pre-activations out of saturation, so gradients of several hundred reach the weights) that
   * the central difference at eps = 1e-6 is off by 5e-6; it converges to the analytic value as eps
   * shrinks (8e-4, 8e-6, 8e-8 at eps 1e-5, 1e-6, 1e-7 on the LSTM), so this check uses 1e-7.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void longSequenceGradientsMatchFiniteDifferences(CellType cell, CellOptions options) {
    Random rng = new Random(3);
    Recurrent layer = layer(cell, options, 2, 3, true, false, rng);
    assertLayerGradients(layer, randomSequence(60, 2, 2, rng), 5, 1e-7);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void stackedBidirectionalGradientsIncludingStatesMatchFiniteDifferences(
      CellType cell, CellOptions options) {
    Random rng = new Random(5);
    var config = new RecurrentStack.Config(cell, 3, 2, 2, true, true, 0, options);
    RecurrentStack stack = new RecurrentStack(config, rng);
    Sequence x = randomSequence(4, 2, 3, rng);
    boolean lstm = cell == CellType.LSTM;
    List<State> initial = new ArrayList<>();
    List<State> dFinal = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      initial.add(new State(random(2, 2, rng), lstm ? random(2, 2, rng) : null));
      dFinal.add(new State(random(2, 2, rng), lstm ? random(2, 2, rng) : null));
    }
    Sequence y = stack.forward(x, initial);
    Sequence dOut = randomSequence(y.steps(), y.batch(), y.features(), rng);
    // L = sum(y * dOut) + sum_k sum(h_n[k] * dh_n[k]) (+ the same for c_n)
    DoubleSupplier loss =
        () -> {
          double s = GradientAssertions.dot(stack.forward(x, initial), dOut);
          List<State> fin = stack.finalStates();
          for (int k = 0; k < fin.size(); k++) {
            s += dot(fin.get(k).hidden(), dFinal.get(k).hidden());
            if (lstm) {
              s += dot(fin.get(k).memory(), dFinal.get(k).memory());
            }
          }
          return s;
        };
    stack.parameters().forEach(Parameter::zeroGrad);
    stack.forward(x, initial);
    Sequence dx = stack.backward(dOut, dFinal);
    List<State> dInitial = stack.initialStateGradients();
    for (Parameter p : stack.parameters()) {
      assertGradient(p.name(), loss, p.value().data, p.grad().data.clone());
    }
    assertGradient("input", loss, x.values().data, dx.values().data.clone());
    for (int k = 0; k < 4; k++) {
      assertGradient(
          "h0[" + k + "]", loss, initial.get(k).hidden().data, dInitial.get(k).hidden().data);
      if (lstm) {
        assertGradient(
            "c0[" + k + "]", loss, initial.get(k).memory().data, dInitial.get(k).memory().data);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void stackWithoutBiasGradientsMatchFiniteDifferences(CellType cell, CellOptions options) {
    Random rng = new Random(9);
    var stack =
        new RecurrentStack(new RecurrentStack.Config(cell, 2, 3, 3, false, false, 0, options), rng);
    assertLayerGradients(stack, randomSequence(5, 2, 2, rng), 13);
  }

  /** A projecting LSTM (PyTorch's proj_size) with layer norm and peepholes, stacked both ways. */
  @org.junit.jupiter.api.Test
  void projectedLayerNormPeepholeLstmGradientsMatchFiniteDifferences() {
    Random rng = new Random(13);
    var config =
        new RecurrentStack.Config(CellType.LSTM, 2, 4, 2, true, true, 0, 0, 0, LAYER_NORM)
            .withOptions(new CellOptions(true, true, false))
            .withProjectionSize(2);
    assertLayerGradients(new RecurrentStack(config, rng), randomSequence(4, 2, 2, rng), 17);
  }

  /**
   * The cells' own parameter gradients are summed after the loop, step by step over the whole
   * batch, so two threads (each running half of the batch) give the same numbers bit for bit.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void twoThreadsGiveTheSameNumbersAsOne(CellType cell, CellOptions options) {
    int before = MatMul.threads();
    try {
      MatMul.setThreads(1);
      List<double[]> one = pass(cell, options);
      MatMul.setThreads(2);
      List<double[]> two = pass(cell, options);
      assertEquals(one.size(), two.size());
      for (int k = 0; k < one.size(); k++) {
        assertArrayEquals(one.get(k), two.get(k), 0, "array " + k);
      }
    } finally {
      MatMul.setThreads(before);
    }
  }

  /** Output, every gradient and dx of one pass of a bidirectional stack over 6 sequences. */
  private static List<double[]> pass(CellType cell, CellOptions options) {
    Random rng = new Random(17);
    var stack =
        new RecurrentStack(new RecurrentStack.Config(cell, 3, 4, 2, true, true, 0, options), rng);
    Sequence x = randomSequence(7, 6, 3, rng);
    Sequence y = stack.forward(x, false);
    Sequence dx = stack.backward(randomSequence(7, 6, 8, rng));
    List<double[]> all = new ArrayList<>();
    all.add(y.values().data.clone());
    all.add(dx.values().data.clone());
    stack.parameters().forEach(p -> all.add(p.grad().data.clone()));
    return all;
  }

  private static Recurrent layer(
      CellType cell, CellOptions options, int i, int h, boolean bias, boolean reverse, Random rng) {
    Recurrent layer = new Recurrent(cell.create(options, h, "_l0"), i, h, bias, reverse, "_l0");
    layer.initialize(rng);
    // gains and betas away from 1 and 0, so their gradients are tested at a general point
    for (Parameter p : layer.parameters()) {
      if (p.name().startsWith("ln_")) {
        for (int k = 0; k < p.size(); k++) {
          p.value().data[k] += 0.3 * rng.nextGaussian();
        }
      }
    }
    return layer;
  }

  private static DMatrixRMaj random(int rows, int cols, Random rng) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.getNumElements(); i++) {
      m.data[i] = rng.nextGaussian();
    }
    return m;
  }

  private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
    double s = 0;
    for (int i = 0; i < a.getNumElements(); i++) {
      s += a.data[i] * b.data[i];
    }
    return s;
  }
}
