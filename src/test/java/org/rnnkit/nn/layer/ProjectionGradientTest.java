package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.nn.GradientAssertions.assertLayerGradients;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;

/**
 * The LSTM with a projection ({@code proj_size}): finite-difference gradients at the edge sizes, a
 * long sequence, stacked and bidirectional with states; slices on two threads agree with one.
 */
class ProjectionGradientTest {

  @ParameterizedTest(name = "T={0} B={1} I={2} H={3} P={4}")
  @CsvSource({"4, 3, 2, 3, 2", "1, 2, 3, 2, 1", "3, 1, 2, 4, 1", "1, 1, 1, 2, 1"})
  void oneLayerGradientsMatchFiniteDifferences(int t, int b, int i, int h, int p) {
    Random rng = new Random(17);
    for (boolean reverse : new boolean[] {false, true}) {
      Recurrent layer = new Recurrent(CellType.LSTM.create(), i, h, p, true, reverse, "_l0");
      layer.initialize(rng);
      assertEquals(p, layer.outputSize());
      assertLayerGradients(layer, randomSequence(t, b, i, rng), 19);
    }
  }

  @Test
  void longSequenceGradientsMatchFiniteDifferences() {
    Random rng = new Random(23);
    Recurrent layer = new Recurrent(CellType.LSTM.create(), 2, 4, 2, true, false, "_l0");
    layer.initialize(rng);
    assertLayerGradients(layer, randomSequence(60, 2, 2, rng), 29);
  }

  @Test
  void stackedBidirectionalGradientsIncludingStatesMatchFiniteDifferences() {
    Random rng = new Random(31);
    var config =
        new RecurrentStack.Config(CellType.LSTM, 3, 3, 2, true, true).withProjectionSize(2);
    RecurrentGradientTest.assertStackGradients(
        new RecurrentStack(config, rng), randomSequence(4, 2, 3, rng), rng);
    var noBias =
        new RecurrentStack.Config(CellType.LSTM, 2, 3, 2, false, false).withProjectionSize(1);
    assertLayerGradients(new RecurrentStack(noBias, rng), randomSequence(3, 2, 2, rng), 37);
  }

  @Test
  void slicesOnTwoThreadsGiveTheSameNumbersAsOne() {
    Random rng = new Random(41);
    var config =
        new RecurrentStack.Config(CellType.LSTM, 3, 5, 1, true, true).withProjectionSize(3);
    RecurrentStack stack = new RecurrentStack(config, rng);
    Sequence x = randomSequence(6, 4, 3, rng);
    Sequence dy = randomSequence(6, 4, 6, rng);
    double[][] one = run(stack, x, dy, 1);
    double[][] two = run(stack, x, dy, 2);
    for (int k = 0; k < one.length; k++) {
      assertArrayEquals(one[k], two[k], 0);
    }
  }

  private static double[][] run(RecurrentStack stack, Sequence x, Sequence dy, int threads) {
    int before = MatMul.threads();
    MatMul.setThreads(threads);
    try {
      stack.parameters().forEach(Parameter::zeroGrad);
      Sequence y = stack.forward(x, false);
      Sequence dx = stack.backward(dy);
      double[][] out = new double[stack.parameters().size() + 2][];
      out[0] = y.values().data.clone();
      out[1] = dx.values().data.clone();
      for (int k = 0; k < stack.parameters().size(); k++) {
        out[k + 2] = stack.parameters().get(k).grad().data.clone();
      }
      return out;
    } finally {
      MatMul.setThreads(before);
    }
  }

  @Test
  void aProjectionIsAnLstmOptionSmallerThanH() {
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> new RecurrentStack.Config(CellType.GRU, 2, 3).withProjectionSize(2))
            .getMessage();
    assertTrue(m.contains("LSTM option"), m);
    m =
        assertThrows(
                IllegalArgumentException.class,
                () -> new RecurrentStack.Config(CellType.LSTM, 2, 3).withProjectionSize(3))
            .getMessage();
    assertTrue(m.contains("1..H-1 = 1..2, got 3"), m);
  }
}
