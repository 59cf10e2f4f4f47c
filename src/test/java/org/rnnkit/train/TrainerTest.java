package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Sgd;

class TrainerTest {

  /** Many-to-one regression: the mean of a short random sequence. */
  static List<Example> meanTask(int n, int steps, long seed) {
    Random rng = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[][] x = new double[steps][1];
      double sum = 0;
      for (int t = 0; t < steps; t++) {
        x[t][0] = rng.nextDouble() * 2 - 1;
        sum += x[t][0];
      }
      out.add(Example.of(x, new double[][] {{sum / steps}}));
    }
    return out;
  }

  static SequenceModel manyToOne(CellType cell, int hidden, double dropout, long seed) {
    Random rng = new Random(seed);
    var config =
        new RecurrentStack.Config(cell, 1, hidden, dropout > 0 ? 2 : 1, false, true, dropout);
    return new SequenceModel(
        new RecurrentStack(config, rng),
        new LastStep(),
        new Dense("head", hidden, 1, Activation.IDENTITY, rng));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(BatchMode.class)
  void everyBatchModeReducesTheLossWithTheRightNumberOfUpdates(BatchMode mode) {
    List<Example> data = meanTask(40, 6, 1);
    SequenceModel model = manyToOne(CellType.GRU, 6, 0, 2);
    var config =
        TrainingConfig.builder()
            .epochs(mode == BatchMode.FULL_BATCH ? 150 : 15)
            .batchMode(mode)
            .batchSize(8)
            .build();
    double lr = mode == BatchMode.ONLINE ? 0.05 : 0.3;
    var trainer = new Trainer(model, new MeanSquaredError(), new Sgd(lr), config);
    double before = trainer.evaluate(data);
    List<Integer> updatesPerEpoch = new ArrayList<>();
    trainer.addListener(
        new TrainingListener() {
          @Override
          public void onEpoch(EpochEvent e) {
            updatesPerEpoch.add(e.updates());
          }
        });
    History h = trainer.fit(data, List.of());
    double after = trainer.evaluate(data);
    int expected =
        switch (mode) {
          case ONLINE -> 40;
          case FULL_BATCH -> 1;
          case MINI_BATCH -> 5;
        };
    assertTrue(updatesPerEpoch.stream().allMatch(u -> u == expected), updatesPerEpoch::toString);
    assertTrue(after < before / 2, mode + ": loss went from " + before + " to " + after);
    assertEquals(config.epochs(), h.epochs().size());
  }

  @Test
  void miniBatchOfAllExamplesIsFullBatchAndOfOneIsOnline() {
    var config = TrainingConfig.defaults();
    assertEquals(1, config.toBuilder().batchMode(BatchMode.ONLINE).build().examplesPerUpdate(50));
    assertEquals(
        50, config.toBuilder().batchMode(BatchMode.FULL_BATCH).build().examplesPerUpdate(50));
    assertEquals(50, config.toBuilder().batchSize(50).build().examplesPerUpdate(50));
    // one shuffled batch of all N holds the same examples as the full batch: same update
    List<Example> data = meanTask(12, 4, 3);
    SequenceModel a = manyToOne(CellType.LSTM, 3, 0, 4);
    SequenceModel b = manyToOne(CellType.LSTM, 3, 0, 4);
    new Trainer(
            a,
            new MeanSquaredError(),
            new Sgd(0.1),
            config.toBuilder().epochs(1).batchMode(BatchMode.FULL_BATCH).build())
        .fit(data, List.of());
    new Trainer(
            b,
            new MeanSquaredError(),
            new Sgd(0.1),
            config.toBuilder().epochs(1).batchSize(12).build())
        .fit(data, List.of());
    for (int i = 0; i < a.parameters().size(); i++) {
      assertArrayEquals(
          a.parameters().get(i).value().data, b.parameters().get(i).value().data, 1e-14);
    }
  }

  @Test
  void sameSeedGivesBitIdenticalRunsWithDropout() {
    List<Example> data = meanTask(20, 5, 5);
    double[][] first = null;
    for (int run = 0; run < 2; run++) {
      SequenceModel model = manyToOne(CellType.LSTM, 4, 0.3, 6);
      new Trainer(
              model,
              new MeanSquaredError(),
              new Sgd(0.1),
              TrainingConfig.builder().epochs(3).batchSize(4).seed(9).build())
          .fit(data, List.of());
      double[][] w =
          model.parameters().stream().map(p -> p.value().data.clone()).toArray(double[][]::new);
      if (first == null) {
        first = w;
      } else {
        for (int i = 0; i < w.length; i++) {
          assertArrayEquals(first[i], w[i], 0);
        }
      }
    }
  }

  @Test
  void divergenceStopsWithAClearMessageAndKeepsTheLastGoodWeights() {
    List<Example> data = meanTask(8, 4, 7);
    for (Example e : data) {
      e.target().values().data[0] *= 1e200;
    }
    SequenceModel model = manyToOne(CellType.RNN_TANH, 3, 0, 8);
    var trainer =
        new Trainer(
            model,
            new MeanSquaredError(),
            new Sgd(1e10),
            TrainingConfig.builder().epochs(5).batchMode(BatchMode.ONLINE).build());
    var e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(data, List.of()));
    assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
    assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
    for (Parameter p : model.parameters()) {
      for (double v : p.value().data) {
        assertTrue(Double.isFinite(v), p.name() + " is " + v);
      }
    }
  }

  @Test
  void earlyStoppingRestoresTheBestWeights() {
    List<Example> train = meanTask(30, 5, 10);
    List<Example> validation = meanTask(10, 5, 11);
    SequenceModel model = manyToOne(CellType.GRU, 4, 0, 12);
    // a learning rate high enough to make the validation loss wander
    var trainer =
        new Trainer(
            model,
            new MeanSquaredError(),
            new Sgd(3.0),
            TrainingConfig.builder().epochs(60).batchSize(5).patience(3).build());
    History h = trainer.fit(train, validation);
    double restored = trainer.evaluate(validation);
    assertEquals(h.best().validationLoss(), restored, 1e-12);
    if (h.epochs().size() < 60) {
      assertTrue(h.stopReason().startsWith("early stopping"), h.stopReason());
    }
  }

  /**
   * With a minimum number of epochs, neither stopping nor the restored weights come from earlier
   * epochs, even when an early epoch had the lowest validation loss; the restored epoch is the best
   * from the minimum on, and History reports it.
   */
  @Test
  void earlyStoppingRestoresNoEpochBeforeTheMinimum() {
    List<Example> train = meanTask(30, 5, 10);
    List<Example> validation = meanTask(10, 5, 11);
    var config = TrainingConfig.builder().epochs(60).batchSize(5).patience(3).build();
    var free =
        new Trainer(
            manyToOne(CellType.GRU, 4, 0, 12), new MeanSquaredError(), new Sgd(3.0), config);
    History h0 = free.fit(train, validation);
    assertTrue(
        h0.restoredEpoch() >= 1 && h0.restoredEpoch() < 20, "restored " + h0.restoredEpoch());

    SequenceModel model = manyToOne(CellType.GRU, 4, 0, 12);
    var trainer =
        new Trainer(
            model, new MeanSquaredError(), new Sgd(3.0), config.toBuilder().minEpochs(20).build());
    History h = trainer.fit(train, validation);
    assertTrue(h.epochs().size() >= 20, "stopped at " + h.epochs().size());
    assertTrue(h.restoredEpoch() >= 20, "restored " + h.restoredEpoch());
    double bestFromMinimum =
        h.epochs().stream()
            .filter(e -> e.epoch() >= 20)
            .mapToDouble(e -> e.validationLoss())
            .min()
            .orElseThrow();
    assertEquals(bestFromMinimum, trainer.evaluate(validation), 1e-12);
    assertEquals(bestFromMinimum, h.epochs().get(h.restoredEpoch() - 1).validationLoss(), 0);
  }

  @Test
  void scheduleListenerSetsTheLearningRateOfEachEpoch() {
    var sgd = new Sgd(0.8);
    var trainer =
        new Trainer(
            manyToOne(CellType.GRU, 2, 0, 1),
            new MeanSquaredError(),
            sgd,
            TrainingConfig.builder().epochs(5).build());
    trainer.addListener(Schedules.everyEpoch(new org.rnnkit.optim.StepLR(sgd, 2, 0.5)));
    History h = trainer.fit(meanTask(6, 3, 2), List.of());
    double[] rates = h.epochs().stream().mapToDouble(e -> e.learningRate()).toArray();
    // StepLR: lr(e) = 0.8 * 0.5^floor(e / 2), e = 0, 1, 2, ...
    assertArrayEquals(new double[] {0.8, 0.8, 0.4, 0.4, 0.2}, rates, 1e-15);
  }

  @Test
  void clippingByNormBoundsTheUpdate() {
    List<Example> data = meanTask(4, 3, 3);
    SequenceModel model = manyToOne(CellType.RNN_TANH, 2, 0, 3);
    double[][] before =
        model.parameters().stream().map(p -> p.value().data.clone()).toArray(double[][]::new);
    new Trainer(
            model,
            new MeanSquaredError(),
            new Sgd(1.0),
            TrainingConfig.builder()
                .epochs(1)
                .batchMode(BatchMode.FULL_BATCH)
                .clipNorm(1e-3)
                .build())
        .fit(data, List.of());
    double moved = 0;
    for (int i = 0; i < before.length; i++) {
      for (int j = 0; j < before[i].length; j++) {
        double d = model.parameters().get(i).value().data[j] - before[i][j];
        moved += d * d;
      }
    }
    // one SGD step of lr 1 on a gradient clipped to norm 1e-3 moves the weights by at most 1e-3
    assertTrue(Math.sqrt(moved) <= 1e-3 + 1e-12, "moved " + Math.sqrt(moved));
  }

  @Test
  void earlyStoppingWithoutValidationIsRejected() {
    var trainer =
        new Trainer(
            manyToOne(CellType.GRU, 2, 0, 1),
            new MeanSquaredError(),
            new Sgd(0.1),
            TrainingConfig.builder().patience(2).build());
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> trainer.fit(meanTask(4, 3, 1), List.of()));
    assertTrue(e.getMessage().contains("needs a validation set"), e.getMessage());
  }
}
