package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;

/**
 * With buffer reuse on, a recurrent layer hands out its state buffer as the output (no copy) and
 * keeps a reference to its input: every number must stay exactly as with reuse off, in both
 * directions, with and without padded sequences, and the output must hold exactly T*B*H values.
 */
class ReusedBuffersTest {

  private static Recurrent layer(CellType cell, boolean reverse, boolean reuse) {
    Recurrent layer = new Recurrent(cell.create(), 3, 5, true, reverse, "_l0");
    layer.initialize(new Random(9));
    layer.reuseBuffers(reuse);
    return layer;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void reuseChangesNoNumber(CellType cell) {
    for (boolean reverse : new boolean[] {false, true}) {
      for (int[] lengths : new int[][] {null, {4, 2, 1}}) {
        Recurrent fresh = layer(cell, reverse, false);
        Recurrent reused = layer(cell, reverse, true);
        Random rng = new Random(5);
        for (int pass = 0; pass < 2; pass++) { // the second pass overwrites the first's buffers
          Sequence x = randomSequence(4, 3, 3, rng).withLengths(lengths);
          Sequence dy = randomSequence(4, 3, 5, rng);
          Sequence expected = fresh.forward(x, true);
          Sequence actual = reused.forward(x, true);
          String what = "%s reverse=%s lengths=%s pass %d".formatted(cell, reverse, lengths, pass);
          assertEquals(4 * 3 * 5, actual.copy().values().data.length, what);
          assertArrayEquals(expected.copy().values().data, actual.copy().values().data, what);
          assertArrayEquals(
              fresh.finalState().hidden().data, reused.finalState().hidden().data, what);
          for (Parameter p : fresh.parameters()) {
            p.grad().zero();
          }
          for (Parameter p : reused.parameters()) {
            p.grad().zero();
          }
          assertArrayEquals(
              fresh.backward(dy).values().data, reused.backward(dy).values().data, what);
          for (int i = 0; i < fresh.parameters().size(); i++) {
            assertArrayEquals(
                fresh.parameters().get(i).grad().data,
                reused.parameters().get(i).grad().data,
                what + " " + fresh.parameters().get(i).name());
          }
        }
      }
    }
  }

  /**
   * A reverse layer over full-length sequences walks its buffers back to front in place: with reuse
   * on, every forward and backward hands out the same matrices (no reversed copy per pass).
   */
  @Test
  void reverseLayerReadsInPlace() {
    Recurrent reused = layer(CellType.LSTM, true, true);
    Random rng = new Random(5);
    Sequence x = randomSequence(4, 3, 3, rng);
    Sequence dy = randomSequence(4, 3, 5, rng);
    Sequence firstOutput = reused.forward(x, true);
    Sequence firstGradient = reused.backward(dy);
    Sequence secondOutput = reused.forward(x, true);
    Sequence secondGradient = reused.backward(dy);
    assertSame(firstOutput.values().data, secondOutput.values().data);
    assertSame(firstGradient.values(), secondGradient.values());
  }
}
