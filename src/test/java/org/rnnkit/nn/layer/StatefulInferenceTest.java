package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;

/** Step-by-step inference with a carried state gives the same outputs as one full forward. */
class StatefulInferenceTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void oneStepAtATimeEqualsTheWholeSequence(CellType cell) {
    Random rng = new Random(12);
    var stack = new RecurrentStack(new RecurrentStack.Config(cell, 3, 4, 2, false, true), rng);
    Sequence x = randomSequence(7, 2, 3, rng);
    Sequence whole = stack.forward(x, false);
    stack.resetState();
    for (int t = 0; t < 7; t++) {
      Sequence step = stack.forward(x.stepSlice(t, 1), false);
      stack.carryState();
      for (int b = 0; b < 2; b++) {
        for (int f = 0; f < 4; f++) {
          assertEquals(whole.get(t, b, f), step.get(0, b, f), 1e-15, "t=" + t);
        }
      }
    }
    stack.resetState();
    assertEquals(whole.get(0, 0, 0), stack.forward(x.stepSlice(0, 1), false).get(0, 0, 0), 0);
  }
}
