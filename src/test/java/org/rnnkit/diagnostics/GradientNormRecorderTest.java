package org.rnnkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Sgd;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;

class GradientNormRecorderTest {

  /** Per-parameter norms before clipping recombine into the global norm before clipping. */
  @Test
  void perParameterNormsAreBeforeClippingAndAddUpToTheGlobalNorm() {
    Random rng = new Random(1);
    var model =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.RNN_TANH, 1, 4), rng),
            new LastStep(),
            new Dense("head", 4, 1, Activation.IDENTITY, rng));
    List<Example> data = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      double[][] x = new double[5][1];
      for (double[] row : x) {
        row[0] = rng.nextGaussian();
      }
      data.add(Example.of(x, new double[][] {{10 * rng.nextGaussian()}}));
    }
    var recorder = new GradientNormRecorder(model.parameters());
    var config = TrainingConfig.builder().epochs(3).batchSize(4).clipNorm(0.01).build();
    new Trainer(model, new MeanSquaredError(), new Sgd(0.01), config)
        .addListener(recorder)
        .fit(data, List.of());
    assertEquals(6, recorder.entries().size());
    assertEquals(6, recorder.entries().get(5).update());
    assertEquals(model.parameters().size(), recorder.names().size());
    for (var e : recorder.entries()) {
      double squares = 0;
      for (double n : e.parameterNorms()) {
        squares += n * n;
      }
      assertEquals(e.globalNorm(), Math.sqrt(squares), 1e-6 * e.globalNorm());
    }
  }
}
