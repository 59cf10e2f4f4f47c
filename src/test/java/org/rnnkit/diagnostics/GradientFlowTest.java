package org.rnnkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Recurrent;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.nn.layer.State;

class GradientFlowTest {

  private static Sequence gaussian(int steps, int batch, int features, long seed) {
    Random rng = new Random(seed);
    Sequence x = new Sequence(steps, batch, features);
    for (int i = 0; i < x.values().getNumElements(); i++) {
      x.values().data[i] = rng.nextGaussian();
    }
    return x;
  }

  /** Seed: ones at the last step, as the probe. */
  private static Sequence onesAtLast(int steps, int batch, int h) {
    Sequence d = new Sequence(steps, batch, h);
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < h; j++) {
        d.set(steps - 1, b, j, 1);
      }
    }
    return d;
  }

  /**
   * With the loss at the last step only, dL/dh[s-1] of the full run equals dL/d(initial state) of a
   * run over steps s..T-1 started from the full run's h[s-1]: an independent path to the same
   * number.
   */
  @ParameterizedTest
  @EnumSource(CellType.class)
  void recordedNormsEqualInitialStateGradientOfTheSuffix(CellType type) {
    int steps = 7;
    int batch = 3;
    int h = 4;
    var stack = new RecurrentStack(new RecurrentStack.Config(type, 2, h), new Random(5));
    Sequence x = gaussian(steps, batch, 2, 6);
    List<GradientFlow.LayerFlow> flows = GradientFlow.probeLastStep(stack, x);
    double[] recorded = flows.get(0).norms();
    assertEquals(steps, recorded.length);

    Recurrent r = stack.recurrent(0, 0);
    for (int s = 1; s < steps; s++) {
      r.forward(x.stepSlice(0, s), (State) null);
      State prefix = r.finalState();
      r.forward(x.stepSlice(s, steps - s), prefix);
      r.backward(onesAtLast(steps - s, batch, h));
      double expected = HiddenGradientRecorder.meanRowNorm(r.initialStateGradient().hidden());
      assertEquals(expected, recorded[s - 1], 1e-12 * Math.max(1, expected), "step " + (s - 1));
    }
    // dL/dh[T] is a vector of ones: norm sqrt(H)
    assertEquals(Math.sqrt(h), recorded[steps - 1], 1e-12);
  }

  @Test
  void namesLayersAndDirections() {
    var config = new RecurrentStack.Config(CellType.GRU, 1, 3, 2, true, true);
    var stack = new RecurrentStack(config, new Random(1));
    List<GradientFlow.LayerFlow> flows = GradientFlow.probeLastStep(stack, gaussian(4, 2, 1, 2));
    assertEquals(
        List.of("l0", "l0_reverse", "l1", "l1_reverse"),
        flows.stream().map(GradientFlow.LayerFlow::layer).toList());
  }

  /**
   * The fast form of the claim: at T = 50, H = 32, PyTorch's default init, an LSTM with its
   * forget-gate bias raised by 1 keeps far more gradient than the tanh RNN (PyTorch, same setup:
   * about 1e-4 against 1e-10).
   */
  @Test
  void lstmWithForgetBiasKeepsFarMoreGradientThanTanhRnn() {
    Sequence x = gaussian(50, 8, 1, 11);
    double rnn = probeRatio(CellType.RNN_TANH, x, 0);
    double lstm = probeRatio(CellType.LSTM, x, 1);
    assertTrue(rnn < 1e-6, "tanh RNN ratio " + rnn);
    assertTrue(lstm > 1e-6, "LSTM+1 ratio " + lstm);
    assertTrue(lstm / rnn > 1e4, "LSTM+1 " + lstm + " vs tanh RNN " + rnn);
  }

  private static double probeRatio(CellType type, Sequence x, double forgetBias) {
    var stack = new RecurrentStack(new RecurrentStack.Config(type, 1, 32), new Random(3));
    if (forgetBias != 0) {
      stack.recurrent(0, 0).raiseForgetGateBias(forgetBias);
    }
    return GradientFlow.probeLastStep(stack, x).get(0).ratio();
  }
}
