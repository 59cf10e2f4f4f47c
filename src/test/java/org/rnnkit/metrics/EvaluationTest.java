package org.rnnkit.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Example;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.Dense;

/** Every metric against values worked out by hand in the comments. */
class EvaluationTest {
  /**
   * Four rows of logits over three classes, with targets:
   *
   * <pre>
   *   row  logits           target  argmax  rank of target  top-1 top-2 top-3
   *   0    [2, 1, 0]        0       0       0               1     1     1
   *   1    [0.1, 0.5, 0.4]  2       1       1               0     1     1
   *   2    [1, 1, 3]        1       2       2 (tie below)   0     0     1
   *   3    [0, 0, 0]        0       0 (tie) 0               1     1     1
   * </pre>
   *
   * accuracy 2/4, top-2 3/4, top-3 4/4.
   */
  private static final double[][] LOGITS = {{2, 1, 0}, {0.1, 0.5, 0.4}, {1, 1, 3}, {0, 0, 0}};

  private static final double[] CLASSES = {0, 2, 1, 0};

  /** One step, B = 4. */
  private static Sequence rows(double[][] rows) {
    double[][][] batchFirst = new double[rows.length][1][];
    for (int b = 0; b < rows.length; b++) {
      batchFirst[b][0] = rows[b];
    }
    return Sequence.fromBatchFirst(batchFirst);
  }

  private static Sequence column(double[] values) {
    double[][] rows = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new double[] {values[i]};
    }
    return rows(rows);
  }

  /** A model whose output is its input: a 3 x 3 identity dense layer, no bias. */
  private static SequenceModel identity(int size) {
    Dense dense = new Dense("head", size, size, Activation.IDENTITY, new Random(1));
    double[] w = new double[size * size];
    for (int i = 0; i < size; i++) {
      w[i * size + i] = 1;
    }
    dense.parameters().get(0).set(w);
    dense.parameters().get(1).set(new double[size]);
    return new SequenceModel(dense);
  }

  @Test
  void accuracyAndTopKMatchTheHandCount() {
    Sequence z = rows(LOGITS);
    Sequence c = column(CLASSES);
    assertEquals(new Metric.Tally(2, 4), Metric.accuracy().tally(z, c));
    assertEquals(new Metric.Tally(3, 4), Metric.topKAccuracy(2).tally(z, c));
    assertEquals(new Metric.Tally(4, 4), Metric.topKAccuracy(3).tally(z, c));
    assertEquals("top2_accuracy", Metric.topKAccuracy(2).name());
  }

  @Test
  void classCountsMatchTheHandCount() {
    ClassCounts counts = ClassCounts.of(rows(LOGITS), column(CLASSES));
    // actual -> predicted: 0->0 (rows 0 and 3), 2->1 (row 1), 1->2 (row 2)
    assertEquals(2, counts.count(0, 0));
    assertEquals(1, counts.count(2, 1));
    assertEquals(1, counts.count(1, 2));
    assertEquals(0, counts.count(1, 1));
    assertArrayEquals(
        new long[] {2, 1, 1}, new long[] {counts.support(0), counts.support(1), counts.support(2)});
    assertArrayEquals(
        new long[] {2, 1, 1},
        new long[] {counts.predicted(0), counts.predicted(1), counts.predicted(2)});
    assertArrayEquals(
        new long[] {2, 0, 0}, new long[] {counts.correct(0), counts.correct(1), counts.correct(2)});
    assertEquals(4, counts.total());
    assertTrue(
        counts.toString().contains("class 0: support 2, predicted 2, correct 2 (recall 1.000)"));
  }

  @Test
  void mseAndMaeMatchTheHandSums() {
    // errors 0.5, 0, 2, 0: MSE (0.25 + 4) / 4 = 1.0625, MAE 2.5 / 4 = 0.625
    Sequence y = column(new double[] {1, 2, 3, 4});
    Sequence t = column(new double[] {1.5, 2, 1, 4});
    assertEquals(1.0625, Metric.meanSquaredError().tally(y, t).mean(), 0);
    assertEquals(0.625, Metric.meanAbsoluteError().tally(y, t).mean(), 0);
  }

  @Test
  void paddedStepsCountNowhere() {
    // T = 2, B = 2; sequence 1 has one real step, its padded step holds a wrong prediction
    Sequence z = new Sequence(2, 2, 2).withLengths(new int[] {2, 1});
    Sequence c = new Sequence(2, 2, 1).withLengths(new int[] {2, 1});
    z.set(0, 0, 0, 1); // class 0, target 0: right
    z.set(0, 1, 1, 1); // class 1, target 1: right
    c.set(0, 1, 0, 1);
    z.set(1, 0, 1, 1); // class 1, target 1: right
    c.set(1, 0, 0, 1);
    z.set(1, 1, 1, 1); // padding: class 1 against target 0, would be wrong
    assertEquals(new Metric.Tally(3, 3), Metric.accuracy().tally(z, c));
    assertEquals(3, ClassCounts.of(z, c).total());
    // MSE over the 3 real rows x 2 features against zeros: the ones at (0,0,0), (0,1,1), (1,0,1)
    assertEquals(new Metric.Tally(3, 6), Metric.meanSquaredError().tally(z, new Sequence(2, 2, 2)));
  }

  @Test
  void evaluateRunsTheModelAndCombinesBatchesExactly() {
    SequenceModel model = identity(3);
    Evaluation whole =
        Evaluation.of(
            model, rows(LOGITS), column(CLASSES), Metric.accuracy(), Metric.topKAccuracy(2));
    assertEquals(0.5, whole.value("accuracy"), 0);
    assertEquals(0.75, whole.value("top2_accuracy"), 0);
    assertEquals("accuracy 0.5000, top2_accuracy 0.7500", whole.toString());
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < LOGITS.length; i++) {
      examples.add(Example.of(new double[][] {LOGITS[i]}, new double[][] {{CLASSES[i]}}));
    }
    // batches of 3 and 1: the same means as one batch of 4
    Evaluation split = Evaluation.of(model, examples, 3, Metric.accuracy(), Metric.topKAccuracy(2));
    assertEquals(whole.values(), split.values());
    assertEquals(2, split.classCounts().correct(0));
  }

  @Test
  void mistakesGetAClearMessage() {
    SequenceModel model = identity(3);
    Sequence z = rows(LOGITS);
    String notIndex =
        assertThrows(
                IllegalArgumentException.class,
                () -> Evaluation.of(model, z, column(new double[] {0, 1, 3, 0}), Metric.accuracy()))
            .getMessage();
    assertTrue(
        notIndex.contains("step 0, sequence 2 is 3.0; expected a class index in 0..2"), notIndex);
    String oneHot =
        assertThrows(
                IllegalArgumentException.class, () -> Evaluation.of(model, z, z, Metric.accuracy()))
            .getMessage();
    assertTrue(oneHot.contains("F=1 (class indices)"), oneHot);
    String regression =
        assertThrows(
                IllegalStateException.class,
                () -> Evaluation.of(model, z, z, Metric.meanSquaredError()).classCounts())
            .getMessage();
    assertTrue(regression.contains("need a classifier"), regression);
    assertThrows(IllegalArgumentException.class, () -> Metric.topKAccuracy(0));
    String unknown =
        assertThrows(
                IllegalArgumentException.class,
                () -> Evaluation.of(model, z, z, Metric.meanSquaredError()).value("mae"))
            .getMessage();
    assertTrue(unknown.contains("this evaluation has [mse]"), unknown);
  }
}
