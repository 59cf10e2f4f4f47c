package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnkit.nn.GradientAssertions.assertLayerGradients;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.nn.Sequence;

class MeanOverStepsTest {

  @Test
  void gradientsMatchFiniteDifferences() {
    Random rng = new Random(4);
    assertLayerGradients(new MeanOverSteps(), randomSequence(1, 1, 1, rng), 1);
    assertLayerGradients(new MeanOverSteps(), randomSequence(5, 3, 2, rng), 2);
    Sequence padded = randomSequence(6, 3, 2, rng).withLengths(new int[] {6, 1, 4});
    assertLayerGradients(new MeanOverSteps(), padded, 3);
  }

  @Test
  void averagesEachSequenceOverItsRealStepsOnly() {
    // two sequences of 3 steps, one feature; the second has 2 real steps and a padded 100
    Sequence x =
        Sequence.fromBatchFirst(new double[][][] {{{1}, {2}, {6}}, {{4}, {8}, {100}}})
            .withLengths(new int[] {3, 2});
    MeanOverSteps mean = new MeanOverSteps();
    assertArrayEquals(new double[] {3, 6}, mean.forward(x, false).values().data, 0);
    Sequence dx = mean.backward(Sequence.fromBatchFirst(new double[][][] {{{3}}, {{2}}}));
    // dy / L: 3 / 3 at every step of the first, 2 / 2 at the real steps of the second
    assertArrayEquals(
        new double[] {1, 1, 1},
        new double[] {dx.get(0, 0, 0), dx.get(1, 0, 0), dx.get(2, 0, 0)},
        0);
    assertEquals(1, dx.get(0, 1, 0));
    assertEquals(1, dx.get(1, 1, 0));
    assertEquals(0, dx.get(2, 1, 0));
  }

  @Test
  void backwardBeforeForwardOrOfTheWrongShapeFails() {
    MeanOverSteps mean = new MeanOverSteps();
    assertThrows(IllegalStateException.class, () -> mean.backward(new Sequence(1, 1, 1)));
    mean.forward(new Sequence(3, 2, 4), false);
    assertThrows(IllegalArgumentException.class, () -> mean.backward(new Sequence(1, 2, 3)));
  }
}
