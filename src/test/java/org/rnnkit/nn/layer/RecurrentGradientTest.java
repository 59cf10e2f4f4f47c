package org.rnnkit.nn.layer;

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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnkit.nn.GradientAssertions;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;

/**
 * Finite-difference gradient checks of every cell unrolled by {@link Recurrent} and {@link
 * RecurrentStack}: parameters, inputs, initial states, in both directions, at the edge sizes T = 1,
 * B = 1, H = 1 and over a long sequence.
 */
class RecurrentGradientTest {

  static List<Arguments> shapes() {
    List<Arguments> all = new ArrayList<>();
    for (CellType cell : CellType.values()) {
      // T, B, I, H
      all.add(Arguments.of(cell, 4, 3, 2, 3));
      all.add(Arguments.of(cell, 1, 2, 3, 2));
      all.add(Arguments.of(cell, 3, 1, 2, 2));
      all.add(Arguments.of(cell, 3, 2, 1, 1));
    }
    return all;
  }

  @ParameterizedTest(name = "{0} T={1} B={2} I={3} H={4}")
  @MethodSource("shapes")
  void oneLayerGradientsMatchFiniteDifferences(CellType cell, int t, int b, int i, int h) {
    Random rng = new Random(7);
    for (boolean reverse : new boolean[] {false, true}) {
      Recurrent layer = new Recurrent(cell.create(), i, h, true, reverse, "_l0");
      layer.initialize(rng);
      assertLayerGradients(layer, randomSequence(t, b, i, rng), 11);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void longSequenceGradientsMatchFiniteDifferences(CellType cell) {
    Random rng = new Random(3);
    Recurrent layer = new Recurrent(cell.create(), 2, 3, true, false, "_l0");
    layer.initialize(rng);
    assertLayerGradients(layer, randomSequence(60, 2, 2, rng), 5);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void stackedBidirectionalGradientsIncludingStatesMatchFiniteDifferences(CellType cell) {
    Random rng = new Random(5);
    var config = new RecurrentStack.Config(cell, 3, 2, 2, true, true);
    assertStackGradients(new RecurrentStack(config, rng), randomSequence(4, 2, 3, rng), rng);
  }

  /**
   * Checks every parameter, input and initial-state gradient of {@code stack} for {@code L = sum(y
   * * dOut) + sum_k sum(h_n[k] * dh_n[k])} (+ the same for c_n), with random initial states, dOut
   * and final-state gradients drawn from {@code rng}.
   */
  static void assertStackGradients(RecurrentStack stack, Sequence x, Random rng) {
    assertStackGradients(stack, x, rng, false);
  }

  /**
   * As {@link #assertStackGradients(RecurrentStack, Sequence, Random)}; with {@code training}, the
   * stack is reseeded before every forward pass, so each one draws the same dropout masks.
   */
  static void assertStackGradients(RecurrentStack stack, Sequence x, Random rng, boolean training) {
    var config = stack.config();
    boolean memory = config.cell().create().hasMemory();
    int batch = x.batch();
    int states = config.layers() * config.directions();
    List<State> initial = new ArrayList<>();
    List<State> dFinal = new ArrayList<>();
    for (int k = 0; k < states; k++) {
      initial.add(
          new State(
              random(batch, config.stateSize(), rng),
              memory ? random(batch, config.hiddenSize(), rng) : null));
      dFinal.add(
          new State(
              random(batch, config.stateSize(), rng),
              memory ? random(batch, config.hiddenSize(), rng) : null));
    }
    long seed = rng.nextLong();
    java.util.function.Supplier<Sequence> forward =
        () -> {
          stack.reseed(seed);
          return stack.forward(x, initial, training);
        };
    Sequence y = forward.get();
    Sequence dOut = randomSequence(y.steps(), y.batch(), y.features(), rng);
    DoubleSupplier loss =
        () -> {
          double s = GradientAssertions.dot(forward.get(), dOut);
          List<State> fin = stack.finalStates();
          for (int k = 0; k < fin.size(); k++) {
            s += dot(fin.get(k).hidden(), dFinal.get(k).hidden());
            if (memory) {
              s += dot(fin.get(k).memory(), dFinal.get(k).memory());
            }
          }
          return s;
        };
    stack.parameters().forEach(Parameter::zeroGrad);
    forward.get();
    Sequence dx = stack.backward(dOut, dFinal);
    List<State> dInitial = stack.initialStateGradients();
    for (Parameter p : stack.parameters()) {
      assertGradient(p.name(), loss, p.value().data, p.grad().data.clone());
    }
    assertGradient("input", loss, x.values().data, dx.values().data.clone());
    for (int k = 0; k < states; k++) {
      assertGradient(
          "h0[" + k + "]", loss, initial.get(k).hidden().data, dInitial.get(k).hidden().data);
      if (memory) {
        assertGradient(
            "c0[" + k + "]", loss, initial.get(k).memory().data, dInitial.get(k).memory().data);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void stackWithoutBiasGradientsMatchFiniteDifferences(CellType cell) {
    Random rng = new Random(9);
    var stack = new RecurrentStack(new RecurrentStack.Config(cell, 2, 3, 3, false, false), rng);
    assertLayerGradients(stack, randomSequence(5, 2, 2, rng), 13);
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
