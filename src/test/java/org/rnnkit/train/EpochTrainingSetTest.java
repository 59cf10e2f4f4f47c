package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.optim.Sgd;

/** A training set drawn per epoch (e.g. augmented) is asked for once per epoch, in order. */
class EpochTrainingSetTest {

  private static SequenceModel model() {
    return new SequenceModel(new Dense("d", 1, 1, Activation.IDENTITY, new Random(3)));
  }

  private static List<Example> data(double scale) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      out.add(Example.of(new double[][] {{i}}, new double[][] {{scale * i}}));
    }
    return out;
  }

  @Test
  void eachEpochTrainsOnItsOwnSetAndAFixedSetMatchesTheListFit() {
    List<Integer> asked = new ArrayList<>();
    TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(2).build();
    SequenceModel perEpoch = model();
    new Trainer(perEpoch, new MeanSquaredError(), new Sgd(0.05), config)
        .fit(
            epoch -> {
              asked.add(epoch);
              return data(epoch);
            },
            List.of(),
            new History());
    assertEquals(List.of(1, 2, 3), asked);

    // the same sets given epoch by epoch through three one-epoch runs end at the same weights
    SequenceModel stepwise = model();
    History history = new History();
    for (int epoch = 1; epoch <= 3; epoch++) {
      new Trainer(
              stepwise,
              new MeanSquaredError(),
              new Sgd(0.05),
              config.toBuilder().epochs(epoch).build())
          .fit(data(epoch), List.of(), history);
    }
    assertArrayEquals(
        stepwise.parameters().get(0).value().data, perEpoch.parameters().get(0).value().data, 0);
    assertArrayEquals(
        stepwise.parameters().get(1).value().data, perEpoch.parameters().get(1).value().data, 0);
  }
}
