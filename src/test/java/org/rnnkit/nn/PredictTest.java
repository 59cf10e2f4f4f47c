package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.Dropout;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;

class PredictTest {
  private static SequenceModel model(int outputs) {
    Random rng = new Random(3);
    return new SequenceModel(
        new RecurrentStack(new RecurrentStack.Config(CellType.LSTM, 2, 4), rng),
        new Dropout(0.5, 7),
        new LastStep(),
        new Dense("head", 4, outputs, Activation.IDENTITY, rng));
  }

  private static Sequence input() {
    Random rng = new Random(5);
    double[][][] x = new double[3][4][2];
    for (double[][] s : x) {
      for (double[] step : s) {
        step[0] = rng.nextGaussian();
        step[1] = rng.nextGaussian();
      }
    }
    return Sequence.fromBatchFirst(x);
  }

  @Test
  void predictIsInferenceFromZeroStateAndTouchesNoGradient() {
    SequenceModel model = model(3);
    Sequence x = input();
    model.zeroGrad();
    double[] reference = model.forward(x, false).values().data.clone();
    model.carryState(); // a non-zero state that predict must not start from
    Sequence first = model.predict(x);
    assertArrayEquals(reference, first.values().data, 0);
    // predict leaves no state behind either, and has no dropout: the same again
    assertArrayEquals(reference, model.forward(x, false).values().data, 0);
    assertArrayEquals(reference, model.predict(x).values().data, 0);
    for (Parameter p : model.parameters()) {
      for (double g : p.grad().data) {
        assertEquals(0, g, 0, p.name());
      }
    }
  }

  @Test
  void predictReturnsTheCallersOwnSequenceWithBufferReuseOn() {
    SequenceModel model = model(3);
    model.reuseBuffers(true);
    Sequence first = model.predict(input());
    double[] kept = first.values().data.clone();
    model.predict(Sequence.fromBatchFirst(new double[][][] {{{9, 9}}, {{8, 8}}, {{7, 7}}}));
    assertArrayEquals(kept, first.values().data, 0);
  }

  @Test
  void predictClassesIsTheArgmaxPerSequence() {
    SequenceModel model = model(3);
    Sequence x = input();
    Sequence y = model.predict(x);
    int[][] classes = model.predictClasses(x);
    assertEquals(3, classes.length);
    for (int b = 0; b < 3; b++) {
      assertEquals(1, classes[b].length);
      int c = classes[b][0];
      for (int f = 0; f < 3; f++) {
        assertEquals(true, y.get(0, b, f) <= y.get(0, b, c));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> model(1).predictClasses(x));
  }
}
