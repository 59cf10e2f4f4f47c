package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.nn.Sequence;

class DropoutTest {

  @Test
  void trainingDropsAndRescalesAndBackwardUsesTheSameMask() {
    Dropout dropout = new Dropout(0.3, 1);
    Sequence x = randomSequence(20, 10, 5, new Random(2));
    Sequence y = dropout.forward(x, true);
    Sequence dy = randomSequence(20, 10, 5, new Random(3));
    Sequence dx = dropout.backward(dy);
    int dropped = 0;
    for (int i = 0; i < x.values().getNumElements(); i++) {
      double m = y.values().data[i] / x.values().data[i];
      // each element is dropped (0) or kept and scaled by 1 / (1 - p); dx = dy * m: dy/dx exactly
      if (m == 0) {
        dropped++;
      } else {
        assertEquals(1 / 0.7, m, 1e-12);
      }
      assertEquals(dy.values().data[i] * m, dx.values().data[i], 1e-12);
    }
    assertEquals(0.3, dropped / 1000.0, 0.05);
  }

  @Test
  void inferenceIsTheIdentityAndReseedingRepeatsTheMask() {
    Dropout dropout = new Dropout(0.5, 7);
    Sequence x = randomSequence(3, 4, 2, new Random(4));
    assertArrayEquals(x.values().data, dropout.forward(x, false).values().data, 0);
    dropout.reseed(11);
    double[] first = dropout.forward(x, true).values().data;
    dropout.reseed(11);
    assertArrayEquals(first, dropout.forward(x, true).values().data, 0);
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, 1));
  }
}
