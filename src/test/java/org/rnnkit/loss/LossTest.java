package org.rnnkit.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.nn.GradientAssertions.assertGradient;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.nn.Sequence;

class LossTest {

  @Test
  void meanSquaredErrorIsTheMeanOverEveryElement() {
    Sequence y = Sequence.fromBatchFirst(new double[][][] {{{1, 2}}, {{3, 4}}});
    Sequence t = Sequence.fromBatchFirst(new double[][][] {{{0, 2}}, {{1, 7}}});
    // ((1)^2 + 0 + (2)^2 + (-3)^2) / 4 = 14/4
    assertEquals(3.5, new MeanSquaredError().value(y, t), 1e-15);
  }

  @Test
  void meanSquaredErrorGradientMatchesFiniteDifferences() {
    Random rng = new Random(2);
    for (int[] shape : new int[][] {{3, 2, 4}, {1, 1, 1}}) {
      Sequence y = randomSequence(shape[0], shape[1], shape[2], rng);
      Sequence t = randomSequence(shape[0], shape[1], shape[2], rng);
      var loss = new MeanSquaredError();
      assertGradient(
          "mse",
          () -> loss.value(y, t),
          y.values().data,
          loss.evaluate(y, t).gradient().values().data);
    }
  }

  @Test
  void meanAbsoluteErrorIsTheMeanOfAbsoluteErrorsWithSignZeroAtZero() {
    Sequence y = Sequence.fromBatchFirst(new double[][][] {{{1, 2}}, {{3, 4}}});
    Sequence t = Sequence.fromBatchFirst(new double[][][] {{{0, 2}}, {{1, 7}}});
    var e = new MeanAbsoluteError().evaluate(y, t);
    // (1 + 0 + 2 + 3) / 4
    assertEquals(1.5, e.value(), 1e-15);
    // sign(e) / 4, rows t*B + b (here T = 1): errors 1, 0 (b = 0) and 2, -3 (b = 1)
    double[] g = e.gradient().values().data;
    assertEquals(0.25, g[0], 0);
    assertEquals(0.0, g[1], 0);
    assertEquals(0.25, g[2], 0);
    assertEquals(-0.25, g[3], 0);
  }

  @Test
  void huberIsHalfSquaredInsideDeltaAndLinearOutside() {
    Sequence y = Sequence.fromBatchFirst(new double[][][] {{{0.5, 3}}});
    Sequence t = Sequence.fromBatchFirst(new double[][][] {{{0, 0}}});
    var e = new HuberLoss(1.0).evaluate(y, t);
    // (0.5 * 0.25 + 1 * (3 - 0.5)) / 2
    assertEquals((0.125 + 2.5) / 2, e.value(), 1e-15);
    assertEquals(0.25, e.gradient().values().data[0], 1e-15);
    assertEquals(0.5, e.gradient().values().data[1], 1e-15);
    // at the kink |e| = delta both pieces agree: 0.5 delta^2 and slope delta, as PyTorch
    var kink =
        new HuberLoss(1.0).evaluate(Sequence.fromBatchFirst(new double[][][] {{{1, -1}}}), t);
    assertEquals(0.5, kink.value(), 1e-15);
    assertEquals(0.5, kink.gradient().values().data[0], 1e-15);
    assertEquals(-0.5, kink.gradient().values().data[1], 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0));
    assertThrows(IllegalArgumentException.class, () -> new HuberLoss(Double.POSITIVE_INFINITY));
  }

  @Test
  void absoluteAndHuberGradientsMatchFiniteDifferences() {
    Random rng = new Random(4);
    for (int[] shape : new int[][] {{3, 2, 4}, {1, 1, 1}}) {
      for (ElementwiseLoss loss :
          new ElementwiseLoss[] {new MeanAbsoluteError(), new HuberLoss(0.7)}) {
        Sequence y = randomSequence(shape[0], shape[1], shape[2], rng);
        Sequence t = randomSequence(shape[0], shape[1], shape[2], rng);
        assertGradient(
            loss.name(),
            () -> loss.value(y, t),
            y.values().data,
            loss.evaluate(y, t).gradient().values().data);
      }
    }
  }

  @Test
  void paddedStepsCountNeitherInTheMeanNorTheGradient() {
    // b = 1 has one real step of two: its second step's large error must not count
    Sequence y =
        Sequence.fromBatchFirst(new double[][][] {{{1}, {2}}, {{3}, {100}}})
            .withLengths(new int[] {2, 1});
    Sequence t = Sequence.fromBatchFirst(new double[][][] {{{0}, {0}}, {{0}, {0}}});
    // N = 3 real elements with errors 1, 2, 3; {loss, value, slope at the error 3}
    Object[][] cases = {
      {new MeanSquaredError(), (1 + 4 + 9) / 3.0, 2 * 3 / 3.0},
      {new MeanAbsoluteError(), (1 + 2 + 3) / 3.0, 1 / 3.0},
      {new HuberLoss(1), (0.5 + 1.5 + 2.5) / 3.0, 1 / 3.0},
    };
    for (Object[] c : cases) {
      ElementwiseLoss loss = (ElementwiseLoss) c[0];
      var e = loss.evaluate(y, t);
      assertEquals((double) c[1], e.value(), 1e-15, loss.name());
      assertEquals(0, e.gradient().get(1, 1, 0), 0, loss.name() + " padded step");
      assertEquals((double) c[2], e.gradient().get(0, 1, 0), 1e-15, loss.name());
    }
  }

  @Test
  void crossEntropyMatchesTheDefinition() {
    Sequence z = Sequence.fromBatchFirst(new double[][][] {{{1, 2, 3}}, {{0, 0, 0}}});
    Sequence c = Sequence.fromBatchFirst(new double[][][] {{{2}}, {{0}}});
    double first = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    double second = Math.log(3);
    assertEquals((first + second) / 2, new SoftmaxCrossEntropy().value(z, c), 1e-15);
  }

  @Test
  void crossEntropyGradientMatchesFiniteDifferences() {
    Random rng = new Random(3);
    for (int[] shape : new int[][] {{3, 2, 5}, {1, 1, 2}}) {
      Sequence z = randomSequence(shape[0], shape[1], shape[2], rng);
      Sequence c = new Sequence(shape[0], shape[1], 1);
      for (int i = 0; i < c.values().getNumElements(); i++) {
        c.values().data[i] = rng.nextInt(shape[2]);
      }
      var loss = new SoftmaxCrossEntropy();
      assertGradient(
          "cross-entropy",
          () -> loss.value(z, c),
          z.values().data,
          loss.evaluate(z, c).gradient().values().data);
    }
  }

  @Test
  void crossEntropyStaysFiniteForHugeLogits() {
    Sequence z = Sequence.fromBatchFirst(new double[][][] {{{1000, 0, -1000}}});
    Sequence c = Sequence.fromBatchFirst(new double[][][] {{{1}}});
    Loss.Evaluation e = new SoftmaxCrossEntropy().evaluate(z, c);
    assertEquals(1000, e.value(), 1e-9);
    assertEquals(1, e.gradient().get(0, 0, 0), 1e-12);
    assertEquals(-1, e.gradient().get(0, 0, 1), 1e-12);
  }

  @Test
  void badTargetsAreRejectedWithTheirPosition() {
    Sequence z = Sequence.fromBatchFirst(new double[][][] {{{1, 2}, {3, 4}}});
    Sequence c = Sequence.fromBatchFirst(new double[][][] {{{0}, {2}}});
    var e =
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy().value(z, c));
    assertTrue(e.getMessage().contains("step 1, sequence 0 is 2.0"), e.getMessage());
    assertTrue(e.getMessage().contains("0..1"), e.getMessage());

    Sequence t = new Sequence(2, 1, 3);
    var m = assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().value(z, t));
    assertTrue(m.getMessage().contains("T=2, B=1, F=2"), m.getMessage());
    assertTrue(m.getMessage().contains("T=2, B=1, F=3"), m.getMessage());
  }

  @Test
  void crossEntropyIntoABufferOverwritesItAndZeroesPaddedSteps() {
    Sequence z =
        Sequence.fromBatchFirst(new double[][][] {{{1, 2, 3}, {0, 1, 0}}, {{0, 0, 0}, {9, 9, 9}}})
            .withLengths(new int[] {2, 1});
    Sequence c = Sequence.fromBatchFirst(new double[][][] {{{2}, {1}}, {{0}, {0}}});
    Sequence buffer = new Sequence(2, 2, 3);
    java.util.Arrays.fill(buffer.values().data, 42); // stale values from an earlier chunk
    var loss = new SoftmaxCrossEntropy();
    double value = loss.evaluate(z, c, buffer);
    Loss.Evaluation fresh = loss.evaluate(z, c);
    assertEquals(fresh.value(), value, 0);
    for (int i = 0; i < 12; i++) {
      assertEquals(fresh.gradient().values().data[i], buffer.values().data[i], 0, "element " + i);
    }
    for (int f = 0; f < 3; f++) {
      assertEquals(0, buffer.get(1, 1, f), 0, "padded step");
    }
    assertThrows(IllegalArgumentException.class, () -> loss.evaluate(z, c, new Sequence(2, 2, 2)));
  }
}
