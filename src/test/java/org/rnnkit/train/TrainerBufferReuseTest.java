package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.GradientAssertions;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;

/**
 * The trainer runs forward and backward on the layers' own buffers: full and truncated BPTT (whose
 * chunks carry the state from one to the next) give bit-identical weights, losses and validation
 * losses with reuse on and off, and the model hands out its own sequences again after training.
 */
class TrainerBufferReuseTest {
  private record Run(List<double[]> weights, double[] losses, double[] validation) {}

  private static List<Example> examples(int count, Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Sequence x = GradientAssertions.randomSequence(10, 1, 2, rng);
      Sequence y = GradientAssertions.randomSequence(10, 1, 1, rng);
      out.add(new Example(x, y));
    }
    return out;
  }

  private static SequenceModel model(CellType cell) {
    Random rng = new Random(5);
    var stack = new RecurrentStack(new RecurrentStack.Config(cell, 2, 6, 2, false, true), rng);
    return new SequenceModel(stack, new Dense("head", 6, 1, Activation.IDENTITY, rng));
  }

  private static Run train(CellType cell, int truncation, boolean reuse) {
    SequenceModel model = model(cell);
    Random rng = new Random(9);
    List<Example> train = examples(12, rng);
    List<Example> validation = examples(4, rng);
    var trainer =
        new Trainer(
            model,
            new MeanSquaredError(),
            new Adam(Adam.Config.defaults().withLearningRate(0.01)),
            TrainingConfig.builder().epochs(3).batchSize(4).truncation(truncation).seed(3).build());
    trainer.reuseBuffers(reuse);
    History history = trainer.fit(train, validation);
    List<double[]> weights = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      weights.add(p.value().data.clone());
    }
    Sequence x = train.get(0).input();
    assertNotSame(model.forward(x, false).values(), model.forward(x, false).values());
    return new Run(weights, history.trainLosses(), history.validationLosses());
  }

  @ParameterizedTest(name = "{0} truncation {1}")
  @CsvSource({"LSTM, 0", "LSTM, 4", "GRU, 0", "GRU, 3", "RNN_TANH, 4"})
  void reusedBuffersChangeNoNumber(CellType cell, int truncation) {
    Run copied = train(cell, truncation, false);
    Run reused = train(cell, truncation, true);
    assertArrayEquals(copied.losses(), reused.losses());
    assertArrayEquals(copied.validation(), reused.validation());
    for (int i = 0; i < copied.weights().size(); i++) {
      assertArrayEquals(copied.weights().get(i), reused.weights().get(i), "parameter " + i);
    }
  }
}
