package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Sgd;

/** A padded batch gives the same loss and gradients as each sequence run alone. */
class MaskingTest {
  private static final int[] LENGTHS = {3, 6, 2, 5};

  private static List<Example> examples(boolean perStep, Random rng) {
    List<Example> out = new ArrayList<>();
    for (int len : LENGTHS) {
      out.add(
          new Example(
              randomSequence(len, 1, 2, rng), randomSequence(perStep ? len : 1, 1, 1, rng)));
    }
    return out;
  }

  private static void assertPaddedEqualsAlone(
      SequenceModel model, List<Example> data, boolean perStep) {
    var trainer =
        new Trainer(model, new MeanSquaredError(), new Sgd(0.1), TrainingConfig.defaults());
    model.zeroGrad();
    double batched = trainer.backpropagate(Batch.of(data));
    double[][] batchedGrads = grads(model);

    int total = 0;
    double lossSum = 0;
    double[][] gradSum = new double[batchedGrads.length][];
    for (int i = 0; i < data.size(); i++) {
      int n = perStep ? LENGTHS[i] : 1;
      total += n;
      model.zeroGrad();
      lossSum += n * trainer.backpropagate(Batch.of(List.of(data.get(i))));
      double[][] g = grads(model);
      for (int p = 0; p < g.length; p++) {
        if (gradSum[p] == null) {
          gradSum[p] = new double[g[p].length];
        }
        for (int j = 0; j < g[p].length; j++) {
          gradSum[p][j] += n * g[p][j];
        }
      }
    }
    assertEquals(lossSum / total, batched, 1e-12);
    for (int p = 0; p < gradSum.length; p++) {
      for (int j = 0; j < gradSum[p].length; j++) {
        assertEquals(
            gradSum[p][j] / total,
            batchedGrads[p][j],
            1e-12,
            model.parameters().get(p).name() + "[" + j + "]");
      }
    }
  }

  private static double[][] grads(SequenceModel model) {
    return model.parameters().stream().map(p -> p.grad().data.clone()).toArray(double[][]::new);
  }

  @Test
  void bidirectionalStackWithPerStepTargets() {
    Random rng = new Random(31);
    for (CellType cell : CellType.values()) {
      var stack = new RecurrentStack(new RecurrentStack.Config(cell, 2, 3, 2, true, true), rng);
      Layer head = new Dense("head", 6, 1, Activation.IDENTITY, rng);
      assertPaddedEqualsAlone(new SequenceModel(stack, head), examples(true, rng), true);
    }
  }

  @Test
  void paddedStepsReadAsZerosAndTakeNoGradient() {
    Random rng = new Random(33);
    for (CellType cell : CellType.values()) {
      var stack = new RecurrentStack(new RecurrentStack.Config(cell, 2, 3, 1, true, true), rng);
      var x = randomSequence(4, 2, 2, rng).withLengths(new int[] {4, 2});
      var y = stack.forward(x, false);
      for (int t = 2; t < 4; t++) {
        for (int f = 0; f < 6; f++) {
          assertEquals(0, y.get(t, 1, f), 0, cell + " padded output");
        }
      }
      var dOut = randomSequence(4, 2, 6, rng);
      stack.parameters().forEach(p -> p.zeroGrad());
      double[] dx = stack.backward(dOut).values().data.clone();
      double[][] g =
          stack.parameters().stream().map(p -> p.grad().data.clone()).toArray(double[][]::new);
      var clean = dOut.withLengths(new int[] {4, 2}).copy().zeroPadding();
      stack.parameters().forEach(p -> p.zeroGrad());
      stack.forward(x, false);
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          dx, stack.backward(clean).values().data, 1e-15);
      for (int i = 0; i < g.length; i++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(
            g[i], stack.parameters().get(i).grad().data, 1e-15);
      }
    }
  }

  @Test
  void manyToOneReadsEachSequenceAtItsOwnLastStep() {
    Random rng = new Random(32);
    for (CellType cell : CellType.values()) {
      var stack = new RecurrentStack(new RecurrentStack.Config(cell, 2, 3, 1, true, true), rng);
      var model =
          new SequenceModel(stack, new LastStep(), new Dense("head", 6, 1, Activation.TANH, rng));
      assertPaddedEqualsAlone(model, examples(false, rng), false);
    }
  }
}
