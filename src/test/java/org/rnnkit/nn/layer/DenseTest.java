package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnkit.nn.GradientAssertions.assertLayerGradients;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;

class DenseTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Activation.class)
  void gradientsMatchFiniteDifferences(Activation activation) {
    Random rng = new Random(1);
    Dense dense = new Dense("head", 3, 2, activation, rng);
    assertLayerGradients(dense, randomSequence(4, 3, 3, rng), 2);
    assertLayerGradients(new Dense("one", 1, 1, activation, rng), randomSequence(1, 1, 1, rng), 3);
  }

  @Test
  void computesAffineMapAtEveryStep() {
    Dense dense = new Dense("d", 2, 1, Activation.IDENTITY, new Random(0));
    dense.parameters().get(0).set(2, -1);
    dense.parameters().get(1).set(0.5);
    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{1, 2}, {3, 4}}});
    // y = 2 x1 - x2 + 0.5
    assertArrayEquals(new double[] {0.5, 2.5}, dense.forward(x, false).values().data, 0);
  }

  /**
   * A NaN or infinity anywhere in the input is reported with its position, on every backend (the
   * sizes reach the native products), for every activation (tanh of infinity is finite) and with
   * zero weights (the check looks at x W^T + b, which inf * 0 = NaN still spoils).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Activation.class)
  void nonFiniteInputIsNamedWhateverTheWeights(Activation activation) {
    MatMul before = MatMul.current();
    try {
      for (MatMul backend : MatMul.available()) {
        MatMul.use(backend);
        for (boolean zeroWeights : new boolean[] {false, true}) {
          for (double bad :
              new double[] {Double.NaN, Double.POSITIVE_INFINITY, -Double.MAX_VALUE * 2}) {
            Random rng = new Random(2);
            Dense dense = new Dense("head", 32, 1, activation, rng);
            dense.reuseBuffers(zeroWeights);
            if (zeroWeights) {
              java.util.Arrays.fill(dense.parameters().get(0).value().data, 0);
            }
            Sequence x = randomSequence(8, 64, 32, rng);
            x.values().set(5 * 64 + 7, 31, bad);
            IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> dense.forward(x, false));
            assertEquals(
                "input has %s at step 5, sequence 7, feature 31; clean or impute the data first"
                    .formatted(bad),
                e.getMessage(),
                backend.name());
          }
        }
      }
    } finally {
      MatMul.use(before);
    }
  }

  @Test
  void recurrentWithManyToOneHeadGradientsMatchFiniteDifferences() {
    Random rng = new Random(4);
    var model =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 2, 3), rng),
            new LastStep(),
            new Dense("head", 3, 2, Activation.TANH, rng));
    assertLayerGradients(model, randomSequence(5, 2, 2, rng), 8);
  }
}
