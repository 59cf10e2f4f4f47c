package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnkit.nn.GradientAssertions.assertGradient;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.data.Batch;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.nn.layer.State;
import org.rnnkit.optim.Sgd;

/**
 * Truncated BPTT: with chunks of k steps, the gradient is that of the mean loss over all steps with
 * each chunk's starting state held constant.
 */
class TruncatedBpttTest {
  private static final int STEPS = 9;

  private record Setup(RecurrentStack stack, Dense head, SequenceModel model, Batch batch) {}

  private static Setup setup(CellType cell) {
    Random rng = new Random(21);
    var stack = new RecurrentStack(new RecurrentStack.Config(cell, 2, 3, 2, false, true), rng);
    var head = new Dense("head", 3, 1, Activation.IDENTITY, rng);
    Sequence x = randomSequence(STEPS, 3, 2, rng);
    Sequence y = randomSequence(STEPS, 3, 1, rng);
    return new Setup(stack, head, new SequenceModel(stack, head), new Batch(x, y));
  }

  private static double[][] gradients(SequenceModel model, Batch batch, int truncation) {
    var trainer =
        new Trainer(
            model,
            new MeanSquaredError(),
            new Sgd(0.1),
            TrainingConfig.builder().truncation(truncation).build());
    model.zeroGrad();
    trainer.backpropagate(batch);
    return model.parameters().stream().map(p -> p.grad().data.clone()).toArray(double[][]::new);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void chunksAtLeastAsLongAsTheSequenceGiveFullBptt(CellType cell) {
    Setup s = setup(cell);
    double[][] full = gradients(s.model(), s.batch(), 0);
    for (int k : new int[] {STEPS, STEPS + 5}) {
      double[][] truncated = gradients(s.model(), s.batch(), k);
      for (int i = 0; i < full.length; i++) {
        assertArrayEquals(full[i], truncated[i], 0);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CellType.class)
  void shortChunksGiveTheGradientWithChunkStartStatesHeldConstant(CellType cell) {
    Setup s = setup(cell);
    int k = 4;
    double[][] truncated = gradients(s.model(), s.batch(), k);

    // independent computation: chunk start states from prefixes at the current weights ...
    Sequence x = s.batch().input();
    Sequence y = s.batch().target();
    State[][] starts = new State[3][];
    for (int c = 1; c * k < STEPS; c++) {
      s.stack().forward(x.stepSlice(0, c * k), (List<State>) null);
      starts[c] = s.stack().finalStates().toArray(State[]::new);
    }
    // ... then the weighted chunk losses as a function of the weights alone
    var mse = new MeanSquaredError();
    DoubleSupplier loss =
        () -> {
          double total = 0;
          for (int c = 0; c * k < STEPS; c++) {
            int n = Math.min(k, STEPS - c * k);
            List<State> initial = starts[c] == null ? null : List.of(starts[c]);
            Sequence out =
                s.head().forward(s.stack().forward(x.stepSlice(c * k, n), initial), false);
            total += (double) n / STEPS * mse.value(out, y.stepSlice(c * k, n));
          }
          return total;
        };
    List<Parameter> params = s.model().parameters();
    for (int i = 0; i < params.size(); i++) {
      assertGradient(params.get(i).name(), loss, params.get(i).value().data, truncated[i]);
    }
    // and it is not the full gradient
    double[][] full = gradients(s.model(), s.batch(), 0);
    double diff = 0;
    for (int i = 0; i < full.length; i++) {
      for (int j = 0; j < full[i].length; j++) {
        diff = Math.max(diff, Math.abs(full[i][j] - truncated[i][j]));
      }
    }
    assertEquals(true, diff > 1e-6, "truncation changed nothing: " + diff);
  }
}
