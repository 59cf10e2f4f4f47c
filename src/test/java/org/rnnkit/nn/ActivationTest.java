package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast {@link Activation#tanh} against the reference {@link Math#tanh}. */
class ActivationTest {

  @Test
  void fastTanhAgreesWithMathTanh() {
    Random rng = new Random(1);
    for (int i = 0; i < 200_000; i++) {
      // magnitudes from 1e-12 to 40, both signs
      double x = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -12 + 13.6 * rng.nextDouble());
      double expected = Math.tanh(x);
      double actual = Activation.tanh(x);
      assertTrue(
          Math.abs(actual - expected) <= 1e-14 * Math.abs(expected),
          "tanh(%s): expected %s, got %s".formatted(x, expected, actual));
    }
  }

  @Test
  void fastTanhEdgeValues() {
    assertEquals(0.0, Activation.tanh(0.0));
    assertEquals(1.0, Activation.tanh(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, Activation.tanh(-1000));
    assertTrue(Double.isNaN(Activation.tanh(Double.NaN)));
    assertEquals(Math.tanh(0.05), Activation.tanh(0.05), 1e-16);
  }
}
