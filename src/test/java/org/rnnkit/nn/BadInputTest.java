package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.nn.layer.State;

/** Bad shapes and values fail before any work, with messages naming expected and received. */
class BadInputTest {
  private final RecurrentStack lstm =
      new RecurrentStack(
          new RecurrentStack.Config(CellType.LSTM, 3, 4, 2, false, true), new Random(0));

  private static void assertMessage(Executable call, String... parts) {
    var e = assertThrows(IllegalArgumentException.class, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks " + part);
    }
  }

  @Test
  void wrongFeatureCountNamesExpectedAndReceived() {
    assertMessage(
        () -> lstm.forward(new Sequence(5, 2, 2), false), "expects 3 input features", "F=2");
  }

  @Test
  void initialStateWithMismatchedBatchNamesBothShapes() {
    State bad = new State(new DMatrixRMaj(3, 4), new DMatrixRMaj(3, 4));
    State good = new State(new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 4));
    assertMessage(
        () -> lstm.forward(new Sequence(5, 2, 3), List.of(bad, good)), "must be 2x4", "got 3x4");
    assertMessage(() -> lstm.forward(new Sequence(5, 2, 3), List.of(good)), "L*D = 2", "got 1");
    assertMessage(
        () -> lstm.forward(new Sequence(5, 2, 3), List.of(good, new State(good.hidden(), null))),
        "c is missing");
  }

  @Test
  void emptySequenceIsRejected() {
    assertMessage(() -> new Sequence(0, 2, 3), "at least one step", "T=0");
    assertMessage(() -> Sequence.fromBatchFirst(new double[][][] {{}}), "T=0");
    assertMessage(() -> Sequence.fromBatchFirst(new double[0][][]), "at least one sequence");
  }

  @Test
  void raggedBatchIsRejected() {
    assertMessage(
        () -> Sequence.fromBatchFirst(new double[][][] {{{1}, {2}}, {{1}}}),
        "sequence 1 has 1 steps, expected 2");
  }

  @Test
  void nanInInputNamesItsPosition() {
    Sequence x = new Sequence(5, 2, 3);
    x.set(3, 1, 2, Double.NaN);
    assertMessage(() -> lstm.forward(x, false), "NaN at step 3, sequence 1, feature 2");
  }

  @Test
  void nonFiniteInitialStateIsRejected() {
    State inf = new State(new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 4));
    inf.memory().set(1, 2, Double.POSITIVE_INFINITY);
    State good = new State(new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 4));
    assertMessage(
        () -> lstm.forward(new Sequence(5, 2, 3), List.of(good, inf)), "Infinity at row 1");
  }

  @Test
  void outputGradientOfWrongShapeIsRejected() {
    lstm.forward(new Sequence(5, 2, 3), false);
    assertMessage(() -> lstm.backward(new Sequence(4, 2, 4)), "T=5, B=2, F=4", "T=4, B=2, F=4");
  }

  @Test
  void badConfigurationsAreRejected() {
    assertMessage(() -> new RecurrentStack.Config(CellType.GRU, 0, 4, 1, false, true), "I=0");
    assertMessage(() -> CellType.parse("transformer"), "unknown cell 'transformer'", "lstm");
    assertMessage(() -> new Parameter("w", 2, 2).set(1, 2, 3), "2x2 (4 values), got 3");
  }
}
