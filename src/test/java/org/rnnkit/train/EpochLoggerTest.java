package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.metrics.Evaluation;
import org.rnnkit.metrics.Metric;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.optim.Adam;

class EpochLoggerTest {

  @Test
  void printsOneLinePerEpochWithLossesMetricsAndTime() {
    List<Example> train = TrainerTest.meanTask(16, 4, 1);
    List<Example> validation = TrainerTest.meanTask(6, 4, 2);
    SequenceModel model = TrainerTest.manyToOne(CellType.GRU, 3, 0, 4);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    History history =
        new Trainer(
                model,
                new MeanSquaredError(),
                new Adam(Adam.Config.defaults()),
                TrainingConfig.builder().epochs(3).batchSize(4).build())
            .addListener(
                EpochLogger.to(out)
                    .withMetrics(
                        model, validation, Metric.meanAbsoluteError(), Metric.meanSquaredError()))
            .fit(train, validation);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), String.join("\n", lines));
    for (int i = 0; i < 3; i++) {
      String line = lines.get(i);
      assertTrue(
          line.matches(
              "epoch %d/3 - loss \\S+ - val_loss \\S+ - val_mae \\S+ - val_mse \\S+ - \\d+\\.\\ds"
                  .formatted(i + 1)),
          line);
      var e = history.epochs().get(i);
      assertTrue(
          line.contains("loss %.4g - val_loss %.4g".formatted(e.trainLoss(), e.validationLoss())),
          line);
      // the trainer's validation loss is the MSE the logger computed itself
      assertTrue(line.contains("val_mse %.4g".formatted(e.validationLoss())), line);
    }
    double mae = Evaluation.of(model, validation, 2, Metric.meanAbsoluteError()).value("mae");
    assertTrue(lines.get(2).contains("val_mae %.4g".formatted(mae)), lines.get(2));
  }

  @Test
  void withoutValidationOnlyTheTrainingLoss() {
    SequenceModel model = TrainerTest.manyToOne(CellType.RNN_TANH, 2, 0, 4);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Trainer(
            model,
            new MeanSquaredError(),
            new Adam(Adam.Config.defaults()),
            TrainingConfig.builder().epochs(1).build())
        .addListener(EpochLogger.to(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
        .fit(TrainerTest.meanTask(4, 3, 1), List.of());
    assertTrue(
        bytes
            .toString(StandardCharsets.UTF_8)
            .strip()
            .matches("epoch 1/1 - loss \\S+ - \\d+\\.\\ds"),
        bytes.toString(StandardCharsets.UTF_8));
  }
}
